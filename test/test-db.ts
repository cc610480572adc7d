// A fresh, migrated SQLite file for tests that exercise real queries. It applies the committed
// migrations, exactly as `prisma migrate deploy` would, so a test database never drifts from
// what production runs.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";

const MIGRATIONS = path.resolve(import.meta.dirname, "../prisma/migrations");

export async function createTestDatabase(): Promise<{ url: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  const client = createClient({ url });
  for (const name of readdirSync(MIGRATIONS)
    .filter((n) => /^\d/.test(n))
    .sort()) {
    await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  // As scripts/lib/prepare-database.ts leaves a local file: readers never wait for the writer.
  await client.execute("PRAGMA journal_mode = WAL");
  client.close();
  return { url, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
