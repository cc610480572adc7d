import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it, vi } from "vitest";

// Upgrading to invite-only sign-up by default: a team that has accounts and never stored a
// choice keeps signing up openly (the old default); a stored choice and a new team are left as
// they are. Run on databases migrated up to the migration before, with rows in them.

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const THIS = "20261202100000_sessions_and_sign_up";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function databaseBefore(rows: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-migration-"));
  dirs.push(dir);
  const url = `file:${path.join(dir, "test.db")}`;
  const client = createClient({ url });
  const names = readdirSync(MIGRATIONS)
    .filter((n) => /^\d/.test(n))
    .sort();
  for (const name of names.filter((n) => n < THIS)) {
    await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  await client.executeMultiple(rows);
  await client.executeMultiple(readFileSync(path.join(MIGRATIONS, THIS, "migration.sql"), "utf8"));
  const signUp = (await client.execute(`SELECT "signUp" FROM "TeamSettings" WHERE "id" = 'team'`)).rows[0]?.signUp;
  // And the migrations after it, so that the app (which knows the latest schema) can read it.
  for (const name of names.filter((n) => n > THIS)) {
    await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
  client.close();
  return { url, signUp: signUp ?? null };
}

const user = `INSERT INTO "User" ("id", "email", "role", "createdAt", "updatedAt")
  VALUES ('u1', 'admin@example.test', 'admin', '2026-11-01T10:00:00.000+00:00', '2026-11-01T10:00:00.000+00:00');`;

describe("sessions and sign-up migration", () => {
  it("keeps open sign-up for a team that has accounts and never chose, readable by the app", async () => {
    const { url, signUp } = await databaseBefore(user);
    expect(signUp).toBe("open");
    vi.stubEnv("DATABASE_URL", url);
    const { db } = await import("../db/client");
    const row = await db.teamSettings.findUnique({ where: { id: "team" } });
    expect(row?.updatedAt.getTime()).toBeGreaterThan(Date.parse("2026-01-01"));
    const { loadTeamPolicy } = await import("./settings");
    expect((await loadTeamPolicy()).signUp).toBe("open");
    await db.$disconnect();
  });

  it("leaves a stored choice, and a team without accounts, as they are", async () => {
    const stored = `${user} INSERT INTO "TeamSettings" ("id", "signUp", "updatedAt") VALUES ('team', 'invite', '2026-11-01T10:00:00.000+00:00');`;
    expect((await databaseBefore(stored)).signUp).toBe("invite");
    expect((await databaseBefore("SELECT 1;")).signUp).toBeNull();
  });
});
