// Applies the committed migrations (prisma/migrations) to the database, exactly as
// `prisma migrate deploy` would, and records them in Prisma's own table (same checksums and
// timestamps), so that either can run after the other. Plain JavaScript with @libsql/client
// only: the Docker image's standalone server has neither the Prisma CLI nor TypeScript.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";

const TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const now = () => new Date().toISOString().replace("Z", "+00:00");

// Several instances starting at once on one libSQL server (a scaled deployment) must not apply
// the same migration twice: one holds this row while it migrates, the others wait for it and
// then find nothing left to do. A holder that died is presumed gone after LOCK_STALE_MS.
const LOCK_TABLE = `CREATE TABLE IF NOT EXISTS "_glm_chat_migration_lock" (
    "id" INTEGER PRIMARY KEY CHECK ("id" = 1), "holder" TEXT NOT NULL, "at" INTEGER NOT NULL)`;
const LOCK_STALE_MS = 5 * 60_000;
const LOCK_WAIT_MS = 2 * LOCK_STALE_MS;
/** How long a statement on a local file waits for another process's write. */
export const BUSY_TIMEOUT_MS = 30_000;

/** @param {import("@libsql/client").Client} client */
async function withLock(client, work) {
  await client.execute(LOCK_TABLE);
  const holder = randomUUID();
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const at = Date.now();
    await client.execute({
      sql: `INSERT INTO "_glm_chat_migration_lock" ("id", "holder", "at") VALUES (1, ?, ?)
        ON CONFLICT ("id") DO UPDATE SET "holder" = excluded."holder", "at" = excluded."at" WHERE "at" < ?`,
      args: [holder, at, at - LOCK_STALE_MS],
    });
    const row = (await client.execute('SELECT "holder" FROM "_glm_chat_migration_lock" WHERE "id" = 1')).rows[0];
    if (row?.holder === holder) break;
    if (Date.now() > deadline) throw new Error("another instance has been migrating the database for too long");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    await client.execute({ sql: 'DELETE FROM "_glm_chat_migration_lock" WHERE "holder" = ?', args: [holder] });
  }
}

/**
 * @param {{ url: string; authToken?: string; dir: string }} options
 * @returns {Promise<string[]>} the names of the migrations it applied
 */
export async function migrate({ url, authToken, dir }) {
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  try {
    // Processes starting together on one local file (replicas, the two-instance tests) wait for
    // each other's writes instead of failing at once with SQLITE_BUSY.
    if (url.startsWith("file:")) await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return await withLock(client, () => applyPending(client, dir));
  } finally {
    client.close();
  }
}

/** @param {import("@libsql/client").Client} client */
async function applyPending(client, dir) {
  await client.execute(TABLE);
  const rows = (
    await client.execute('SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"')
  ).rows;
  const failed = rows.find((r) => r.finished_at == null && r.rolled_back_at == null);
  if (failed) {
    // As Prisma (P3009): a migration that failed half-way needs a person, not a retry.
    throw new Error(`migration ${failed.migration_name} failed earlier; resolve it before starting the app`);
  }
  const done = new Set(rows.filter((r) => r.finished_at != null).map((r) => String(r.migration_name)));
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d/.test(d.name))
    .map((d) => d.name)
    .sort();
  const applied = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const script = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const id = randomUUID();
    await client.execute({
      sql: 'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, 0)',
      args: [id, createHash("sha256").update(script).digest("hex"), name, now()],
    });
    await client.executeMultiple(script);
    await client.execute({
      sql: 'UPDATE "_prisma_migrations" SET "finished_at" = ?, "applied_steps_count" = 1 WHERE "id" = ?',
      args: [now(), id],
    });
    applied.push(name);
  }
  return applied;
}
