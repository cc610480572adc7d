import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { MAX_STOP_SEQUENCES } from "../shared/catalog/parameters";
import { MAX_SYSTEM_PROMPT_CHARS } from "../shared/chat/presets";
import { MAX_MESSAGE_CHARS } from "../shared/chat/request-schema";
import { BODY_LIMITS, formatBytes, readBody, readJson } from "./body";

/**
 * A body that hands out `chunks` chunks of `size` bytes when read (no read-ahead, as a request's
 * body from the socket), and records how far it was read.
 */
function source(chunks: number, size: number) {
  const seen = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulls === chunks) return controller.close();
        seen.pulls++;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/x", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("readBody", () => {
  it("refuses a declared Content-Length over the limit, keeping nothing, and drops the rest of a small one", async () => {
    // 100 KiB declared, 64 KiB allowed: refused, and taken off the connection (else a reset would
    // lose the 413 on the way to the client).
    const { stream, seen } = source(100, 1024);
    const error = await refusal(readBody(post(stream, { "content-length": String(100 * 1024) }), 64 * 1024));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toBe("This request is too large: at most 64 KiB is accepted. Shorten it and try again.");
    expect(seen.pulls).toBe(100);
  });

  it("refuses a declared Content-Length past what is drained without reading a byte", async () => {
    const { stream, seen } = source(100, 1024);
    const error = await refusal(readBody(post(stream, { "content-length": String(60 * 1024 * 1024) }), 64 * 1024));
    expect(error.status).toBe(413);
    expect(seen.pulls).toBe(0);
  });

  it("stops a chunked body past the limit, drops a few MiB more at most, and cancels the upload", async () => {
    // 10,000 chunks of 1 KiB would be 10 MB; the limit is 4 KiB + 1 byte, the drain 8 MiB.
    const { stream, seen } = source(10_000, 1024);
    const error = await refusal(readBody(post(stream), 4 * 1024 + 1));
    expect(error.status).toBe(413);
    expect(seen.pulls).toBeGreaterThan(8 * 1024);
    expect(seen.pulls).toBeLessThan(8 * 1024 + 10);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.cancelled).toBe(true);
  });

  it("gives up draining a body that does not end within a second", async () => {
    vi.useFakeTimers();
    try {
      let cancelled = false;
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            // Two chunks, then nothing more ever arrives.
            if (sent < 2) controller.enqueue(new Uint8Array(4096));
            sent++;
          },
          cancel() {
            cancelled = true;
          },
        },
        { highWaterMark: 0 },
      );
      const refused = refusal(readBody(post(stream), 1024));
      await vi.advanceTimersByTimeAsync(1_000);
      expect((await refused).status).toBe(413);
      expect(cancelled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts what arrives, not what Content-Length claims", async () => {
    const { stream } = source(1000, 1024);
    const error = await refusal(readBody(post(stream, { "content-length": "10" }), 8 * 1024));
    expect(error.status).toBe(413);
  });

  it("takes a body of exactly the limit, across chunks, and refuses one byte more", async () => {
    const exact = await readBody(post(source(4, 1024).stream), 4 * 1024);
    expect(exact.byteLength).toBe(4 * 1024);
    expect(exact.every((b) => b === 0x20)).toBe(true);
    expect((await refusal(readBody(post(source(4, 1024).stream), 4 * 1024 - 1))).status).toBe(413);
    // Declared exactly at the limit: read.
    const declared = await readBody(post(new Uint8Array(100), { "content-length": "100" }), 100);
    expect(declared.byteLength).toBe(100);
  });

  it("reads no body as empty", async () => {
    expect((await readBody(new Request("http://localhost/api/x", { method: "DELETE" }), 10)).byteLength).toBe(0);
  });
});

describe("readJson", () => {
  it("parses JSON within the limit, UTF-8 with or without a byte-order mark", async () => {
    const json = JSON.stringify({ name: "预设", n: 1 });
    expect(await readJson(post(json), 1024)).toEqual({ name: "预设", n: 1 });
    expect(await readJson(post(`\uFEFF${json}`), 1024)).toEqual({ name: "预设", n: 1 });
  });

  it("answers 400 to a body that is not JSON, or none", async () => {
    for (const body of ["{", "", "not json"]) {
      const error = await refusal(readJson(post(body), 1024));
      expect(error.status).toBe(400);
      expect(error.message).toBe("The request body is not valid JSON.");
    }
  });

  it("refuses an oversized body with 413 before parsing it", async () => {
    const big = JSON.stringify({ text: "x".repeat(2000) });
    expect((await refusal(readJson(post(big), 1024))).status).toBe(413);
  });
});

describe("BODY_LIMITS", () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
  const chinese = (n: number) => "中".repeat(n);

  it("fits the largest preset a user can write (a whole system prompt in Chinese)", () => {
    const preset = {
      name: chinese(60),
      systemPrompt: chinese(MAX_SYSTEM_PROMPT_CHARS),
      parameters: { stopSequences: Array.from({ length: MAX_STOP_SEQUENCES }, () => chinese(200)), seed: 2 ** 53 - 1 },
    };
    expect(bytes(preset)).toBeLessThan(BODY_LIMITS.json);
  });

  it("fits the longest chat message, in Chinese, with the longest system prompt", () => {
    const turn = {
      id: crypto.randomUUID(),
      message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: chinese(MAX_MESSAGE_CHARS) }] },
      systemPrompt: chinese(MAX_SYSTEM_PROMPT_CHARS),
    };
    expect(bytes(turn)).toBeLessThan(BODY_LIMITS.chat);
  });

  it("is written as README writes it", () => {
    expect([BODY_LIMITS.chat, BODY_LIMITS.json, BODY_LIMITS.auth].map(formatBytes)).toEqual([
      "1 MiB",
      "64 KiB",
      "16 KiB",
    ]);
  });
});
