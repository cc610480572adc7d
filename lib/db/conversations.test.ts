import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../scripts/testing/test-db";

// Search, rename, pin and the branch shown: only ever the user's own conversations.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let mod: typeof import("./conversations");
let db: typeof import("./client").db;
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  mod = await import("./conversations");
  db = (await import("./client")).db;
  const users = await import("./users");
  alice = (await users.createUser({ email: "a@example.test", name: null, passwordHash: "x" })).id;
  bob = (await users.createUser({ email: "b@example.test", name: null, passwordHash: "x" })).id;
  const conversation = (id: string, userId: string, title: string, texts: string[]) =>
    db.conversation.create({
      data: {
        id,
        userId,
        title,
        model: "glm-5.1",
        platform: "dashscope",
        messages: {
          create: texts.map((text, i) => ({
            id: `${id}-m${i}`,
            role: i % 2 ? "assistant" : "user",
            parts: [{ type: "text", text }],
            createdAt: new Date(Date.now() + i),
          })),
        },
      },
    });
  await conversation("c-tides", alice, "Why tides happen", ["Explain tides", "The moon pulls the sea."]);
  await conversation("c-tea", alice, "Tea", ["推荐一款绿茶", "龙井茶 is a classic; 100% worth it"]);
  await conversation("c-bob", bob, "Bob's tides", ["tides for bob"]);
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

describe("conversation search", () => {
  it("finds the user's conversations by title or by what was said, in any script", async () => {
    const ids = async (q: string) => (await mod.searchConversations(alice, q)).map((c) => c.id);
    expect(await ids("TIDES")).toEqual(["c-tides"]);
    expect(await ids("moon pulls")).toEqual(["c-tides"]);
    expect(await ids("龙井")).toEqual(["c-tea"]);
    expect(await ids("100%")).toEqual(["c-tea"]);
    expect(await ids("%")).toEqual(["c-tea"]); // literal, not a wildcard
    expect(await ids("nothing like this")).toEqual([]);
    // The storage format is not searched: every part has a "type" and a "text" key.
    expect(await ids('"type"')).toEqual([]);
  });
});

describe("updateConversation", () => {
  it("renames, pins and moves the head, only within the user's own conversation", async () => {
    const before = await db.conversation.findUnique({ where: { id: "c-tea" } });
    expect(await mod.updateConversation(alice, "c-tea", { title: "Green tea", pinned: true })).toBe(true);
    const tea = await db.conversation.findUnique({ where: { id: "c-tea" } });
    expect(tea?.title).toBe("Green tea");
    expect(tea?.pinnedAt).toBeInstanceOf(Date);
    // Its place in the list (by updatedAt) does not change.
    expect(tea?.updatedAt).toEqual(before?.updatedAt);

    expect(await mod.updateConversation(alice, "c-tides", { headId: "c-tides-m0" })).toBe(true);
    // A message of another conversation cannot become the head; another user's conversation is not found.
    expect(await mod.updateConversation(alice, "c-tides", { headId: "c-tea-m1" })).toBe(false);
    expect(await mod.updateConversation(alice, "c-bob", { title: "mine now" })).toBe(false);
    expect((await db.conversation.findUnique({ where: { id: "c-bob" } }))?.title).toBe("Bob's tides");
  });
});

describe("deleteMessage", () => {
  it("deletes a message and what follows it, keeps the usage, and only in the user's conversation", async () => {
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    const message = (id: string, parentId: string | null, role: string, i: number) => ({
      id,
      parentId,
      role,
      parts: [{ type: "text", text: id }],
      createdAt: at(i),
    });
    await db.conversation.create({
      data: {
        id: "c-del",
        userId: alice,
        title: "Deleting",
        model: "glm-5.1",
        platform: "dashscope",
        headId: "d-a2",
        messages: {
          create: [
            message("d-u1", null, "user", 1),
            message("d-a1", "d-u1", "assistant", 2),
            message("d-u2", "d-a1", "user", 3),
            message("d-a2", "d-u2", "assistant", 4),
          ],
        },
      },
    });
    await db.usage.create({
      data: {
        userId: alice,
        conversationId: "c-del",
        messageId: "d-a2",
        platform: "dashscope",
        requestedModel: "glm-5.1",
        outputTokens: 7,
      },
    });
    const before = await db.conversation.findUniqueOrThrow({ where: { id: "c-del" } });

    expect(await mod.deleteMessage(bob, "c-del", "d-u2")).toBeNull();
    expect(await mod.deleteMessage(alice, "c-tea", "d-u2")).toBeNull();
    expect(await mod.deleteMessage(alice, "c-del", "d-u2")).toEqual({ headId: "d-a1" });

    const after = await db.conversation.findUniqueOrThrow({ where: { id: "c-del" }, include: { messages: true } });
    expect(after.messages.map((m) => m.id).sort()).toEqual(["d-a1", "d-u1"]);
    expect(after.headId).toBe("d-a1");
    expect(after.updatedAt).toEqual(before.updatedAt);
    // The tokens were spent: the ledger keeps them, no longer tied to a message.
    expect(await db.usage.findFirst({ where: { conversationId: "c-del" } })).toMatchObject({
      messageId: null,
      outputTokens: 7,
    });
  });
});
