import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// The health report: the database's state and nothing secret.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let checkHealth: typeof import("./health").checkHealth;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  ({ checkHealth } = await import("./health"));
});
afterAll(() => dbHandle?.cleanup());

describe("checkHealth", () => {
  it("reports a migrated database as ok", async () => {
    // test-db applies the migration files without Prisma's bookkeeping table: record them as Prisma would.
    const client = createClient({ url: dbHandle.url });
    await client.executeMultiple(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT, "finished_at" DATETIME);
      INSERT INTO "_prisma_migrations" VALUES ('a', '2026-11-22'), ('b', '2026-11-22');`);
    const health = await checkHealth(() => client);
    expect(health).toMatchObject({ status: "ok", database: { status: "ok", migrations: 2 } });
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
    client.close();
  });

  it("reports a database that does not answer as degraded, without its error or address", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const health = await checkHealth(() => createClient({ url: "file:/nonexistent-dir/secret-name.db" }));
    expect(health).toMatchObject({ status: "degraded", database: { status: "unreachable", latencyMs: null } });
    expect(JSON.stringify(health)).not.toMatch(/secret-name|nonexistent/);
  });
});
