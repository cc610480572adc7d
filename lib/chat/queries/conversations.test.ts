import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// Search, rename, pin and the branch shown: only ever the user's own conversations.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let mod: typeof import("./conversations");
let db: typeof import("../../db/client").db;
let sql: typeof import("../../db/client").sql;
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  mod = await import("./conversations");
  ({ db, sql } = await import("../../db/client"));
  const users = await import("@/test/users");
  alice = (await users.createUser({ email: "a@example.test", name: null, passwordHash: "x" })).id;
  bob = (await users.createUser({ email: "b@example.test", name: null, passwordHash: "x" })).id;
  await conversation("c-tides", alice, "Why tides happen", ["Explain tides", "The moon pulls the sea."]);
  await conversation("c-tea", alice, "Tea", ["推荐一款绿茶", "龙井茶 is a classic; 100% worth it"]);
  await conversation("c-bob", bob, "Bob's tides", ["tides for bob"]);
});

/** A conversation of the user's: each message a text, or its parts. */
function conversation(id: string, userId: string, title: string, messages: (string | object[])[], at = new Date()) {
  return db.conversation.create({
    data: {
      id,
      userId,
      title,
      model: "glm-5.1",
      platform: "dashscope",
      updatedAt: at,
      messages: {
        create: messages.map((message, i) => ({
          id: `${id}-m${i}`,
          parentId: i ? `${id}-m${i - 1}` : null,
          role: i % 2 ? "assistant" : "user",
          parts: typeof message === "string" ? [{ type: "text", text: message }] : message,
          createdAt: new Date(at.getTime() + i),
        })),
      },
    },
  });
}

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

describe("conversation search", () => {
  const ids = async (q: string, user = alice) => (await mod.searchConversations(user, q)).map((c) => c.id);

  it("finds the user's conversations by title or by what was said, in any script", async () => {
    expect(await ids("TIDES")).toEqual(["c-tides"]);
    expect(await ids("moon PULLS")).toEqual(["c-tides"]);
    // Each result names its newest message that matched (the link opens the chat there).
    expect((await mod.searchConversations(alice, "moon PULLS"))[0]?.hit).toBe("c-tides-m1");
    expect((await mod.searchConversations(alice, "绿茶"))[0]?.hit).toBe("c-tea-m0");
    expect((await mod.searchConversations(alice, "Why tides"))[0]?.hit).toBeNull();
    expect(await ids("龙井茶")).toEqual(["c-tea"]);
    // One or two characters (a Chinese word is often two): found without the trigram index.
    expect(await ids("龙井")).toEqual(["c-tea"]);
    expect(await ids("绿")).toEqual(["c-tea"]);
    expect(await ids("100%")).toEqual(["c-tea"]);
    expect(await ids("%")).toEqual(["c-tea"]); // literal, not a wildcard
    expect(await ids("nothing like this")).toEqual([]);
    // The storage format is not searched: every part has a "type" and a "text" key.
    expect(await ids('"type"')).toEqual([]);
    expect(await ids("type")).toEqual([]);
  });

  it("never returns another user's conversation", async () => {
    expect(await ids("for bob")).toEqual([]);
    expect(await ids("for bob", bob)).toEqual(["c-bob"]);
    expect(await ids("bo")).toEqual([]);
    expect(await ids("Tea", bob)).toEqual([]);
  });

  it("searches only what the user and the model said, not thinking or tools", async () => {
    await conversation("c-think", alice, "Mountains", [
      "Tell me about mountains",
      [
        { type: "step-start" },
        { type: "reasoning", text: "Secret thoughts on volcanoes", state: "done" },
        {
          type: "tool-read_web_page",
          toolCallId: "t1",
          state: "output-available",
          input: { url: "https://example.com/volcanoes" },
          output: { text: "A page about volcanoes" },
        },
        { type: "text", text: "Plain answer about peaks.", state: "done" },
      ],
    ]);
    expect(await ids("plain answer")).toEqual(["c-think"]);
    expect(await ids("volcano")).toEqual([]);
    expect(await ids("example.com")).toEqual([]);
    expect(await ids("output-available")).toEqual([]);
  });

  it("takes every character literally: quotes, FTS5 operators, LIKE wildcards", async () => {
    await conversation("c-odd", alice, "Odd text", ['He said "hi" NEAR(a b) * ^col: AND OR NOT x_y back\\slash {a b}']);
    for (const q of [
      '"hi"',
      '"',
      "NEAR(",
      "NEAR(a b)",
      "*",
      "^col:",
      "AND OR NOT",
      "x_y",
      "\\",
      "back\\slash",
      "{a b}",
    ]) {
      expect(await ids(q), q).toEqual(["c-odd"]);
    }
    for (const q of ["x%y", "xay", "hi NEAR", '"hi" AND "said"', "h*"]) {
      expect(await ids(q), q).toEqual([]);
    }
  });

  it("forgets deleted messages and old titles, and finds new ones", async () => {
    await conversation("c-gone", alice, "Errands", ["Buy oat milk", "Noted: oat milk."]);
    expect(await ids("oat milk")).toEqual(["c-gone"]);
    expect(await mod.deleteMessage(alice, "c-gone", "c-gone-m0")).toEqual({ headId: null });
    expect(await ids("oat milk")).toEqual([]);
    expect(await mod.updateConversation(alice, "c-gone", { title: "Groceries 买菜" })).toBe(true);
    expect(await ids("errands")).toEqual([]);
    expect(await ids("groceries")).toEqual(["c-gone"]);
    expect(await ids("买菜")).toEqual(["c-gone"]);
    expect(await mod.deleteConversation(alice, "c-gone")).toBe(true);
    expect(await ids("groceries")).toEqual([]);
    expect(await ids("买菜")).toEqual([]);
  });

  it("lists newest first, and bounds what a search reads", async () => {
    await conversation("c-old", alice, "First", ["shared words here"], new Date(Date.UTC(2020, 0, 1)));
    await conversation("c-new", alice, "Second", ["shared words here"], new Date(Date.UTC(2030, 0, 1)));
    expect(await ids("shared words")).toEqual(["c-new", "c-old"]);
    // A long query is cut (the route allows 200 characters), never an error.
    expect(await ids(`shared words${" x".repeat(5_000)}`)).toEqual([]);
    expect(await ids("\u0000shared\u0000")).toEqual(["c-new", "c-old"]);
    // One or two characters read the newest text only, up to SCAN_BYTES: "菊花" in an old message
    // is not found once more than that was written after it; three characters still find it.
    await conversation("c-flowers", alice, "Flowers", ["菊花茶好喝"], new Date(Date.UTC(2021, 0, 1)));
    expect(await ids("菊花")).toEqual(["c-flowers"]);
    await conversation("c-long", alice, "Long", []);
    const parts = JSON.stringify([{ type: "text", text: "长".repeat(100_000) }]);
    // Raw: Prisma takes seconds over JSON this long.
    await sql().batch(
      Array.from({ length: Math.ceil(mod.SCAN_BYTES / parts.length) + 1 }, (_, i) => ({
        sql: `INSERT INTO "Message" ("id", "conversationId", "role", "parts") VALUES (?, 'c-long', 'user', ?)`,
        args: [`long-${i}`, parts],
      })),
      "write",
    );
    expect(await ids("菊花")).toEqual([]);
    expect(await ids("菊花茶")).toEqual(["c-flowers"]);
  });
});

describe("the conversation list's marks", () => {
  it("marks conversations with an answer being written, and those answered while nobody watched", async () => {
    const at = new Date(Date.UTC(2031, 0, 1));
    await conversation("c-live", alice, "Live", ["Think hard"], at);
    await conversation("c-unseen", alice, "Unseen", ["Hi", "Hello."], at);
    await sql().batch(
      [
        `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status")
          VALUES ('c-live-a', 'c-live', 'c-live-m0', 'assistant', '[]', 'streaming')`,
        `UPDATE "Conversation" SET "unseenAt" = '2031-01-01T00:05:00.000+00:00' WHERE "id" = 'c-unseen'`,
      ],
      "write",
    );
    const marks = async () =>
      Object.fromEntries(
        (await mod.listConversations(alice)).conversations.map((c) => [
          c.id,
          { generating: c.generating, unseen: c.unseenAt !== null },
        ]),
      );
    expect(await marks()).toMatchObject({
      "c-live": { generating: true, unseen: false },
      "c-unseen": { generating: false, unseen: true },
      "c-tides": { generating: false, unseen: false },
    });
    // Search results carry the same marks.
    expect((await mod.searchConversations(alice, "Think hard")).map((c) => c.generating)).toEqual([true]);

    // Opening the conversation clears its mark, without moving it in the list; only the owner's.
    const before = await db.conversation.findUnique({ where: { id: "c-unseen" } });
    await mod.markSeen(bob, "c-unseen");
    expect((await marks())["c-unseen"].unseen).toBe(true);
    await mod.markSeen(alice, "c-unseen");
    expect((await marks())["c-unseen"].unseen).toBe(false);
    expect((await db.conversation.findUnique({ where: { id: "c-unseen" } }))?.updatedAt).toEqual(before?.updatedAt);

    // Once settled, the answer no longer marks its conversation.
    await sql().execute(`UPDATE "Message" SET "status" = 'done' WHERE "id" = 'c-live-a'`);
    expect((await marks())["c-live"].generating).toBe(false);
  });

  it("reads indexes only: answers being written, the pinned, and the newest others", async () => {
    const list = mod.listStatement(alice, 100);
    const plan = await sql().execute({ sql: `EXPLAIN QUERY PLAN ${list.sql}`, args: list.args });
    const detail = plan.rows.map((r) => String(r.detail)).join("\n");
    expect(detail).toContain("Message_streaming_idx");
    expect(detail).toContain("Conversation_pinned_idx");
    expect(detail).toContain("Conversation_userId_updatedAt_idx");
    expect(detail).not.toContain("TEMP B-TREE");
  });
});

describe("the conversation list's length", () => {
  it("lists the newest first up to the limit, says older ones exist, and always lists the pinned", async () => {
    const carol = (
      await (await import("@/test/users")).createUser({ email: "c@example.test", name: null, passwordHash: "x" })
    ).id;
    const at = (i: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, i));
    for (let i = 0; i < 7; i++) await conversation(`c-carol-${i}`, carol, `Carol ${i}`, ["Hi"], at(i));
    // The oldest is pinned: no number of newer conversations pushes it out of the list.
    await mod.updateConversation(carol, "c-carol-0", { pinned: true });

    const three = await mod.listConversations(carol, 3);
    expect(three.conversations.map((c) => c.id)).toEqual(["c-carol-0", "c-carol-6", "c-carol-5", "c-carol-4"]);
    expect(three.more).toBe(true);
    const all = await mod.listConversations(carol, 6);
    expect(all.conversations).toHaveLength(7);
    expect(all.more).toBe(false);
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
