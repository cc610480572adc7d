import { readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";

// The migration that made conversations trees links the messages written before it into one line.

const migration = readFileSync(
  path.resolve(import.meta.dirname, "../../prisma/migrations/20261122050000_message_branches/migration.sql"),
  "utf8",
);

describe("message branches migration", () => {
  it("makes each earlier message follow the one before it, per conversation", async () => {
    const db = createClient({ url: ":memory:" });
    await db.executeMultiple(`
      CREATE TABLE "Conversation" ("id" TEXT PRIMARY KEY);
      CREATE TABLE "Message" ("id" TEXT PRIMARY KEY, "conversationId" TEXT, "parentId" TEXT, "createdAt" DATETIME);
      INSERT INTO "Conversation" VALUES ('c1'), ('c2');
      INSERT INTO "Message" VALUES
        ('u1', 'c1', NULL, '2026-11-01T10:00:00.000+00:00'),
        ('a1', 'c1', NULL, '2026-11-01T10:00:00.001+00:00'),
        ('u2', 'c1', NULL, '2026-11-01T10:05:00.000+00:00'),
        ('x1', 'c2', NULL, '2026-11-01T10:00:00.002+00:00'),
        ('x2', 'c2', NULL, '2026-11-01T10:00:00.002+00:00');
    `);
    await db.executeMultiple(migration);
    const rows = await db.execute('SELECT "id", "parentId" FROM "Message" ORDER BY "id"');
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.parentId]))).toEqual({
      a1: "u1",
      u1: null,
      u2: "a1",
      x1: null,
      // Written in the same millisecond: insertion order decides.
      x2: "x1",
    });
    const head = await db.execute('SELECT "headId" FROM "Conversation"');
    expect(head.rows.every((r) => r.headId === null)).toBe(true);
    db.close();
  });
});
