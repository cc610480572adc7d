import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookieFor } from "@/test/session-cookie";
import { startSimulatorAndDatabase } from "@/test/turn-harness";

// The chat route takes more than the other routes (1 MiB, not 64 KiB): a long message, sent in
// chunks without a Content-Length as a proxy may forward it, goes through; one over 1 MiB does not.

const SECRET = "chat-limit-test-secret-0123456789abcdef0123";
let harness: Awaited<ReturnType<typeof startSimulatorAndDatabase>>;
let db: typeof import("../../../lib/db/client").db;
let POST: (request: Request) => Promise<Response>;
let cookie: string;

beforeAll(async () => {
  harness = await startSimulatorAndDatabase();
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../lib/db/client"));
  const route = await import("./route");
  POST = (request) => route.POST(request, undefined as never);
  const { createUser } = await import("@/test/users");
  const user = await createUser({ email: "frank@example.test", name: null, passwordHash: "x" });
  cookie = await sessionCookieFor(user, SECRET);
});

afterAll(async () => {
  await db?.$disconnect();
  await harness?.sim.close();
  harness?.dbHandle.cleanup();
  vi.unstubAllEnvs();
});

/** The turn's JSON in 8 KiB chunks, with no Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      id: randomUUID(),
      message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] },
      connection: "env:default",
      model: "glm-5.1",
      thinking: false,
      tools: false,
    }),
  );
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + 8192));
      at += 8192;
    },
  });
}

const chat = (text: string) =>
  POST(
    new Request("http://localhost:3000/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", cookie },
      body: chunked(text),
      duplex: "half",
    } as RequestInit),
  );

describe("POST /api/chat body limit", () => {
  it("takes a message of ~150 KB (over the other routes' 64 KiB)", async () => {
    const text = "长".repeat(50_000);
    const res = await chat(text);
    expect(res.status).toBe(200);
    await res.text();
    const saved = await db.message.findFirst({ where: { role: "user" }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(saved?.parts)).toContain(text);
    // The new conversation's title is asked for after the answer: let it land before the simulator stops.
    await vi.waitFor(async () => expect(await db.usage.count({ where: { purpose: "title" } })).toBe(1), {
      timeout: 10_000,
    });
  });

  it("refuses one over 1 MiB with 413, saving nothing", async () => {
    const before = await db.message.count();
    const res = await chat("长".repeat(400_000));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("1 MiB");
    expect(await db.message.count()).toBe(before);
  });
});
