import "server-only";
import { sql } from "./client";
import type { HotPathSql } from "./local-sql";

// Whether the database answers, and how far it is set up: one read of Prisma's own bookkeeping
// (lib/health reports it). Part of the connection rather than of any concern's data.

/** How many migrations the database has finished applying. */
export async function appliedMigrations(client: () => HotPathSql = sql): Promise<number> {
  const result = await client().execute(
    'SELECT COUNT(*) AS "n" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL',
  );
  return Number(result.rows[0]?.n ?? 0);
}
