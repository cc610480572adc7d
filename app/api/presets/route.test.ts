import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DRAIN_BYTES } from "@/lib/api/body";
import { sessionCookieFor } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-db";

// The probes from issue #13 against the real route and a real database: a write from another
// site with the user's cookie, a body that is not JSON, a body far over the limit. Each is
// refused and saves nothing; the same user's ordinary save works.

const SECRET = "presets-route-test-secret-0123456789abcdef";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("../../../lib/db/client").db;
let POST: (request: Request) => Promise<Response>;
let cookie: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../lib/db/client"));
  const route = await import("./route");
  POST = (request) => route.POST(request, undefined as never);
  const { createUser } = await import("@/test/users");
  const user = await createUser({ email: "erin@example.test", name: null, passwordHash: "x" });
  cookie = await sessionCookieFor(user, SECRET);
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  await db.preset.deleteMany();
});

const preset = (systemPrompt = "Be brief.") => JSON.stringify({ name: "Short", systemPrompt, parameters: {} });

function save(body: BodyInit, headers: Record<string, string>): Promise<Response> {
  return POST(
    new Request("http://localhost:3000/api/presets", {
      method: "POST",
      headers: { host: "chat.example.com", cookie, ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );
}

/** A body that arrives in 16 KiB chunks without a Content-Length, and how much of it was taken. */
function endless(chunks: number) {
  const seen = { bytes: 0, cancelled: false };
  const chunk = new TextEncoder().encode(`{"name":"x","systemPrompt":"${"a".repeat(16 * 1024)}`);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.bytes >= chunks * chunk.byteLength) return controller.close();
        seen.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe("POST /api/presets", () => {
  it("saves a same-origin JSON preset, even a whole system prompt in Chinese", async () => {
    const plain = await save(preset(), { "content-type": "application/json", "sec-fetch-site": "same-origin" });
    expect(plain.status).toBe(201);
    const long = await save(preset("中".repeat(20_000)), {
      "content-type": "application/json; charset=utf-8",
      origin: "http://chat.example.com",
    });
    expect(long.status).toBe(201);
    expect((await db.preset.findMany()).map((p) => p.systemPrompt.length)).toEqual([20_000]);
  });

  it("refuses the cross-site text/plain post of issue #13 with 403, saving nothing", async () => {
    const res = await save(preset(), {
      "content-type": "text/plain",
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: "forbidden",
        message: "This request came from another site, so it was refused. Use GLM Chat’s own pages.",
      },
    });
    // A sibling subdomain is same-site, not same-origin.
    const sibling = await save(preset(), { "content-type": "application/json", "sec-fetch-site": "same-site" });
    expect(sibling.status).toBe(403);
    expect(await db.preset.count()).toBe(0);
  });

  it("refuses a same-origin body that is not JSON with 415", async () => {
    const res = await save(preset(), { "content-type": "text/plain;charset=UTF-8", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    expect(await db.preset.count()).toBe(0);
  });

  it("refuses a 60 MB body from its Content-Length without reading it", async () => {
    const { stream, seen } = endless(3750);
    const res = await save(stream, {
      "content-type": "application/json",
      "sec-fetch-site": "same-origin",
      "content-length": String(60_000_000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: "payload_too_large",
        message: "This request is too large: at most 64 KiB is accepted. Shorten it and try again.",
      },
    });
    expect(seen.bytes).toBe(0);
  });

  it("stops a chunked 60 MB body past 64 KiB, dropping at most a few MiB more, cancelling the upload", async () => {
    const { stream, seen } = endless(3750);
    const res = await save(stream, { "content-type": "application/json", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(413);
    // Five 16 KiB chunks pass 64 KiB; what follows is dropped up to DRAIN_BYTES (lib/api/body),
    // so that the client reads the 413, and no further.
    expect(seen.bytes).toBeLessThan(DRAIN_BYTES + 5 * 16_500);
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
    expect(await db.preset.count()).toBe(0);
  });
});
