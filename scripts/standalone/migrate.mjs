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

/**
 * @param {{ url: string; authToken?: string; dir: string }} options
 * @returns {Promise<string[]>} the names of the migrations it applied
 */
export async function migrate({ url, authToken, dir }) {
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  try {
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
  } finally {
    client.close();
  }
}
