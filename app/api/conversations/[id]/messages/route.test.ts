import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookieFor } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-db";

// GET /api/conversations/<id>/messages: a page of the owner's conversation; anyone else's reads
// as not found, a query it does not know is a 400, no session a 401.

const SECRET = "pages-route-test-secret-0123456789abcdef";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("../../../../../lib/db/client").db;
let route: typeof import("./route");
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../../../lib/db/client"));
  route = await import("./route");
  const { createUser } = await import("@/test/users");
  const a = await createUser({ email: "alice@example.test", name: null, passwordHash: "x" });
  const b = await createUser({ email: "bob@example.test", name: null, passwordHash: "x" });
  alice = await sessionCookieFor(a, SECRET);
  bob = await sessionCookieFor(b, SECRET);
  await db.conversation.create({
    data: {
      id: "c1",
      userId: a.id,
      title: "Hi",
      model: "glm-5.1",
      platform: "dashscope",
      messages: {
        create: [
          { id: "q", role: "user", parts: [{ type: "text", text: "Hi" }], createdAt: new Date(1) },
          {
            id: "a",
            parentId: "q",
            role: "assistant",
            parts: [{ type: "text", text: "Hello" }],
            createdAt: new Date(2),
          },
        ],
      },
    },
  });
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const get = (query: string, cookie?: string) =>
  route.GET(
    new Request(`http://localhost:3000/api/conversations/c1/messages${query}`, {
      headers: cookie ? { cookie } : {},
    }),
    { params: Promise.resolve({ id: "c1" }) },
  );

describe("GET /api/conversations/<id>/messages", () => {
  it("answers the owner with a page", async () => {
    const res = await get("", alice);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { messages: { id: string }[]; totals: { answers: number } };
    expect(page.messages.map((m) => m.id)).toEqual(["q", "a"]);
    expect((await (await get("?before=a", alice)).json()).messages.map((m: { id: string }) => m.id)).toEqual(["q"]);
    expect((await (await get("?through=q", alice)).json()).messages.map((m: { id: string }) => m.id)).toEqual([
      "q",
      "a",
    ]);
  });

  it("is not found for anyone else, refuses a query it does not know, and wants a session", async () => {
    expect((await get("", bob)).status).toBe(404);
    expect((await get("?before=a", bob)).status).toBe(404);
    expect((await get("?around=a", alice)).status).toBe(400);
    expect((await get("?through=q&above=1000", alice)).status).toBe(400);
    expect((await get("")).status).toBe(401);
  });
});
