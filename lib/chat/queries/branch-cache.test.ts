import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLongHistory } from "@/test/long-history";
import { sessionFor, setUpTurnHarness, type TurnHarness, turn } from "@/test/turn-harness";
import { branchCacheStats, CACHE_FROM } from "./branch-cache";

// A long branch is read from the database once; later turns read only the messages written since
// (by this server or any other writer) and get the same branch as a full read would give.

const harness = setUpTurnHarness();
let mod: TurnHarness["mod"];
let alice: string;
beforeAll(() => {
  ({ mod, alice } = harness);
});

/** Another writer on the same database (another instance, a script). */
const other = () => createClient({ url: process.env.DATABASE_URL as string });

async function branchTo(conversationId: string, anchor: string) {
  const { getTurnContext } = await import("./turn");
  const session = { userId: alice, signedInAt: Date.now(), sessionId: await sessionFor(alice) };
  const context = await getTurnContext(session, conversationId, { anchor });
  return context.conversation?.branch.map((m) => ({ id: m.id, parts: m.partsJson, estimate: m.estimate }));
}

/** The branch as the database has it, walked here from every message of the conversation. */
async function truth(conversationId: string, anchor: string) {
  const rows = await mod.db.message.findMany({ where: { conversationId } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const branch = [];
  for (let row = byId.get(anchor); row; row = row.parentId ? byId.get(row.parentId) : undefined) {
    const estimate =
      row.tokens == null || row.leanTokens == null ? null : { tokens: row.tokens, leanTokens: row.leanTokens };
    branch.unshift({ id: row.id, parts: JSON.stringify(row.parts), estimate });
  }
  return branch;
}

async function insertAfter(conversationId: string, parentId: string, role: "user" | "assistant", text: string) {
  const id = randomUUID();
  const db = other();
  await db.execute({
    sql: `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "createdAt")
      VALUES (?, ?, ?, ?, ?, 'done', ?)`,
    args: [id, conversationId, parentId, role, JSON.stringify([{ type: "text", text }]), new Date().toISOString()],
  });
  db.close();
  return id;
}

describe("the branch a turn continues", () => {
  it("is read whole once, then brought up to date with what was written since", async () => {
    const id = randomUUID();
    await (await turn(alice, "Hello", { id, thinking: false })).text();
    const ids = await seedLongHistory(process.env.DATABASE_URL as string, {
      conversationId: id,
      pairs: CACHE_FROM / 2,
      tokens: 5,
    });
    const head = ids.at(-1) as string;
    const counts = () => ({ ...branchCacheStats });

    let before = counts();
    expect(await branchTo(id, head)).toEqual(await truth(id, head));
    expect(counts()).toEqual({ ...before, read: before.read + 1 });

    before = counts();
    expect(await branchTo(id, head)).toEqual(await truth(id, head));
    expect(counts()).toEqual({ ...before, served: before.served + 1 });

    // Another writer changes a message in the middle, appends one, and branches off an older one.
    const db = other();
    await db.execute({
      sql: `UPDATE "Message" SET "parts" = ?, "tokens" = 7, "leanTokens" = 5 WHERE "id" = ?`,
      args: [JSON.stringify([{ type: "text", text: "Changed" }]), ids[50]],
    });
    db.close();
    const next = await insertAfter(id, head, "user", "Appended");
    const fork = await insertAfter(id, ids[99], "user", "A new version");
    before = counts();
    for (const anchor of [next, fork, head]) {
      const branch = await branchTo(id, anchor);
      expect(branch).toEqual(await truth(id, anchor));
    }
    expect((await branchTo(id, next))?.find((m) => m.id === ids[50])).toMatchObject({
      parts: JSON.stringify([{ type: "text", text: "Changed" }]),
      estimate: { tokens: 7, leanTokens: 5 },
    });
    expect(counts()).toEqual({ ...before, served: before.served + 4 });

    // A deleted message: the branch is read again.
    const gone = other();
    await gone.execute({ sql: 'DELETE FROM "Message" WHERE "id" = ?', args: [next] });
    gone.close();
    before = counts();
    expect(await branchTo(id, head)).toEqual(await truth(id, head));
    expect(await branchTo(id, next)).toEqual([]);
    expect(counts()).toMatchObject({ read: before.read + 2 });
  });

  it("gives nothing for a message of another conversation", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await (await turn(alice, "Hello", { id: a, thinking: false })).text();
    await (await turn(alice, "Hello", { id: b, thinking: false })).text();
    const ids = await seedLongHistory(process.env.DATABASE_URL as string, {
      conversationId: a,
      pairs: CACHE_FROM / 2,
      tokens: 5,
    });
    await branchTo(a, ids.at(-1) as string);
    await seedLongHistory(process.env.DATABASE_URL as string, { conversationId: b, pairs: CACHE_FROM / 2, tokens: 5 });
    expect(await branchTo(b, ids.at(-1) as string)).toEqual([]);
    expect(await branchTo(a, ids.at(-1) as string)).toHaveLength(ids.length + 2);
  });
});
