import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_PAGE } from "@/lib/shared/chat/message-page";
import { createTestDatabase } from "@/test/test-db";

// A conversation read a page at a time: the latest of the path shown, the pages before it, the
// path through a version, each message's versions as nodes, the totals; only the owner's.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let mod: typeof import("./message-pages");
let db: typeof import("../../db/client").db;
let alice: string;
let bob: string;

const T0 = Date.parse("2026-12-01T00:00:00Z");
const N = 100;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  mod = await import("./message-pages");
  ({ db } = await import("../../db/client"));
  const users = await import("@/test/users");
  alice = (await users.createUser({ email: "a@example.test", name: null, passwordHash: "x" })).id;
  bob = (await users.createUser({ email: "b@example.test", name: null, passwordHash: "x" })).id;
  // m0 … m99 on one path; m50 has a second version (m50b, newer) with two messages under it.
  await db.conversation.create({
    data: { id: "long", userId: alice, title: "Long", model: "glm-5.1", platform: "dashscope" },
  });
  const message = (id: string, parentId: string | null, i: number, at: number) => ({
    id,
    conversationId: "long",
    parentId,
    role: i % 2 ? "assistant" : "user",
    parts: [{ type: "text", text: `message ${id}` }],
    createdAt: new Date(at),
  });
  await db.message.createMany({
    data: [
      ...Array.from({ length: N }, (_, i) => message(`m${i}`, i ? `m${i - 1}` : null, i, T0 + i * 1000)),
      message("m50b", "m49", 50, T0 + N * 1000),
      message("m51b", "m50b", 51, T0 + N * 1000 + 1),
      message("m52b", "m51b", 52, T0 + N * 1000 + 2),
    ],
  });
  await db.usage.createMany({
    data: ["m1", "m3", "m51b"].map((messageId) => ({
      userId: alice,
      conversationId: "long",
      messageId,
      platform: "dashscope",
      requestedModel: "glm-5.1",
      inputTokens: 100,
      outputTokens: 10,
      totalTokens: 110,
      costMicros: 5,
      currency: "CNY",
    })),
  });
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const ids = (page: { messages: { id: string }[] } | null) => page?.messages.map((m) => m.id);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

describe("message pages", () => {
  it("opens at the newest leaf's latest page, with the versions of its messages, and the totals", async () => {
    const page = await mod.latestPage(alice, "long");
    // The newest leaf is under the newer version of m50.
    expect(ids(page)).toEqual([...range(13, 50), "m50b", "m51b", "m52b"]);
    expect(page?.messages).toHaveLength(40);
    // The path has 13 messages above the page, not read yet.
    expect(page?.before).toBe(13);
    const versionsOf50 = page?.nodes.filter((n) => n.parentId === "m49").map((n) => n.id);
    expect(versionsOf50?.sort()).toEqual(["m50", "m50b"]);
    expect(page?.totals).toEqual({
      answers: 3,
      inputTokens: 300,
      outputTokens: 30,
      cost: { micros: 15, currency: "CNY" },
    });
  });

  it("opens at the head the user chose", async () => {
    await db.conversation.update({ where: { id: "long" }, data: { headId: "m99" } });
    try {
      expect(ids(await mod.latestPage(alice, "long"))).toEqual(range(60, 100));
    } finally {
      await db.conversation.update({ where: { id: "long" }, data: { headId: null } });
    }
  });

  it("reads the pages before a message, up to the first", async () => {
    expect(ids(await mod.pageBefore(alice, "long", "m13"))).toEqual(range(0, 13));
    expect((await mod.pageBefore(alice, "long", "m13"))?.before).toBe(0);
    expect((await mod.pageBefore(alice, "long", "m90"))?.before).toBe(50);
    // Pages read while scrolling up leave the header's totals as they were (not read again).
    expect((await mod.pageBefore(alice, "long", "m90"))?.totals).toBeUndefined();
    // A reader far up asks for more at once (more than one query's parameters).
    expect(ids(await mod.pageBefore(alice, "long", "m90", { limit: 85 }))).toEqual(range(5, 90));
    expect(ids(await mod.pageBefore(alice, "long", "m90"))).toEqual(range(50, 90));
    const first = await mod.pageBefore(alice, "long", "m0");
    expect(first?.messages).toEqual([]);
  });

  it("reads the path through a version down to its newest leaf, with ancestors above when asked", async () => {
    expect(ids(await mod.pageThrough(alice, "long", "m50", 0))).toEqual(range(50, 100));
    expect(ids(await mod.pageThrough(alice, "long", "m50b", 2))).toEqual(["m48", "m49", "m50b", "m51b", "m52b"]);
    // A version switched to may have been answered elsewhere since: the header is brought up.
    expect((await mod.pageThrough(alice, "long", "m50b", 2))?.totals).toBeDefined();
  });

  it("opens at a message a search found: the path through it, or the latest page and the rest read after", async () => {
    expect(ids(await mod.pageAt(alice, "long", "m90", 2))).toEqual(range(88, 100));
    // Far up a long path: the page is the latest of the path through it (the newer version's)...
    expect(ids(await mod.pageAt(alice, "long", "m5", 2))).toEqual(ids(await mod.latestPage(alice, "long")));
    // ...and the browser reads everything between, back to two above it.
    expect(ids(await mod.pageBefore(alice, "long", "m13", { until: { id: "m5", above: 2 } }))).toEqual(range(3, 13));
    // Not an ancestor: nothing.
    expect(ids(await mod.pageBefore(alice, "long", "m13", { until: { id: "m50b", above: 0 } }))).toEqual([]);
    expect(await mod.pageAt(bob, "long", "m90", 2)).toBeNull();
  });

  it("reads a page of the most messages a page may hold, with their usage", async () => {
    await db.conversation.create({
      data: { id: "huge", userId: alice, title: "Huge", model: "glm-5.1", platform: "dashscope" },
    });
    const n = MAX_PAGE + 2;
    await db.message.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        id: `h${i}`,
        conversationId: "huge",
        parentId: i ? `h${i - 1}` : null,
        role: i % 2 ? "assistant" : "user",
        parts: [{ type: "text", text: `h${i}` }],
        createdAt: new Date(T0 + i),
      })),
    });
    const page = await mod.pageBefore(alice, "huge", `h${n - 1}`, { limit: MAX_PAGE });
    expect(page?.messages).toHaveLength(MAX_PAGE);
    expect(page?.messages[0].id).toBe("h1");
    expect(page?.before).toBe(1);
  });

  it("reads nothing of a conversation that is not the user's, or a message not in it", async () => {
    expect(await mod.latestPage(bob, "long")).toBeNull();
    expect(await mod.pageBefore(bob, "long", "m13")).toBeNull();
    expect(await mod.pageThrough(bob, "long", "m50", 0)).toBeNull();
    expect(await mod.pageThrough(alice, "long", "nope", 0)).toBeNull();
    expect(await mod.pageBefore(alice, "long", "nope")).toBeNull();
  });

  it("walks the path with the index on parent and time, not a scan of the conversation", async () => {
    const { sql } = await import("../../db/client");
    const plan = await sql().execute({
      sql: `EXPLAIN QUERY PLAN SELECT "id" FROM "Message" WHERE "conversationId" = ? AND "parentId" = ? ORDER BY "createdAt" DESC LIMIT 1`,
      args: ["long", "m1"],
    });
    const detail = plan.rows.map((r) => String(r.detail)).join("\n");
    expect(detail).toMatch(/USING INDEX Message_conversationId_parentId_createdAt_idx/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
