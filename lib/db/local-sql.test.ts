import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSql } from "./local-sql";

// The hot path's client must answer as @libsql/client does, since it replaces it on local files.

const dir = mkdtempSync(path.join(tmpdir(), "local-sql-"));
const file = path.join(dir, "test.db");
const local = localSql(file, { timeoutMs: 1000 });
const reference = createClient({ url: `file:${file}` });

beforeAll(async () => {
  await reference.execute("PRAGMA journal_mode = WAL");
  await reference.execute(
    'CREATE TABLE "Item" ("id" TEXT PRIMARY KEY, "n" INTEGER NOT NULL, "flag" INTEGER, "at" TEXT)',
  );
});
afterAll(() => {
  reference.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("localSql", () => {
  it("reads and writes as @libsql/client does: rows by column name, rows affected, both kinds of arguments", async () => {
    const write = await local.execute({
      sql: 'INSERT INTO "Item" ("id", "n", "flag") VALUES (:id, :n, :flag)',
      args: { id: "a", n: 1, flag: true },
    });
    expect(write.rowsAffected).toBe(1);
    await local.execute({ sql: 'INSERT INTO "Item" ("id", "n") VALUES (?, ?)', args: ["b", 2] });
    // The same statement again, with other values (it is kept prepared).
    await local.execute({ sql: 'INSERT INTO "Item" ("id", "n") VALUES (?, ?)', args: ["c", 3] });
    const sql = 'SELECT "id", "n", "flag" FROM "Item" ORDER BY "id"';
    const [mine, theirs] = await Promise.all([local.execute(sql), reference.execute(sql)]);
    expect(mine.rows.map((r) => ({ ...r }))).toEqual(theirs.rows.map((r) => ({ ...r })));
    expect(mine.rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
    const updated = await local.execute({
      sql: 'UPDATE "Item" SET "n" = "n" + 1 WHERE "n" >= $least',
      args: { least: 2 },
    });
    expect(updated.rowsAffected).toBe(2);
  });

  it("runs a batch as one transaction: all of it, or none of it when a statement fails", async () => {
    const [first, second] = await local.batch(
      [
        { sql: 'INSERT INTO "Item" ("id", "n") VALUES (?, ?)', args: ["d", 4] },
        { sql: 'SELECT COUNT(*) AS "count" FROM "Item"', args: [] },
      ],
      "write",
    );
    expect(first.rowsAffected).toBe(1);
    expect(second.rows[0].count).toBe(4);

    await expect(
      local.batch(
        [
          { sql: 'INSERT INTO "Item" ("id", "n") VALUES (?, ?)', args: ["e", 5] },
          { sql: 'INSERT INTO "Item" ("id", "n") VALUES (?, ?)', args: ["a", 6] }, // the id is taken
        ],
        "write",
      ),
    ).rejects.toThrow(/UNIQUE/);
    // Nothing of the failed batch stayed, and the connection takes the next one.
    expect((await reference.execute('SELECT "id" FROM "Item" WHERE "id" = \'e\'')).rows).toHaveLength(0);
    const [count] = await local.batch([{ sql: 'SELECT COUNT(*) AS "count" FROM "Item"', args: [] }], "read");
    expect(count.rows[0].count).toBe(4);
  });
});
