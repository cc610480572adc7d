import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import { policyOf } from "../shared/team-policy";

// The migration that adds the sharing setting, on databases made by the version before it: a team
// with working share links keeps them readable by anyone who has them; any other team starts with
// signed-in readers only. Other settings are left as they were.

const MIGRATION = "20261202120000_shares_and_sealed_keys";
const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const tmp = mkdtempSync(path.join(tmpdir(), "glm-chat-sharing-"));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(tmp, { recursive: true, force: true });
});

const migrations = readdirSync(dir)
  .filter((n) => /^\d/.test(n))
  .sort();
const sql = (name: string) => readFileSync(path.join(dir, name, "migration.sql"), "utf8");

/** A database migrated up to just before MIGRATION, with `before` run on it, then migrated on. */
async function upgraded(name: string, before: string[]) {
  const client = createClient({ url: `file:${path.join(tmp, `${name}.db`)}` });
  for (const m of migrations.filter((m) => m < MIGRATION)) await client.executeMultiple(sql(m));
  for (const statement of before) await client.execute(statement);
  for (const m of migrations.filter((m) => m >= MIGRATION)) await client.executeMultiple(sql(m));
  const rows = (
    await client.execute(
      'SELECT "signUp", "enabledModels", "defaultModel", "defaultConnectionId", "sharing", "updatedAt" FROM "TeamSettings"',
    )
  ).rows;
  client.close();
  return rows.map((r) => ({ ...r }));
}

const now = new Date().toISOString();
const conversation = [
  `INSERT INTO "User" ("id", "email", "createdAt", "updatedAt") VALUES ('u1', 'a@example.test', '${now}', '${now}')`,
  `INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "createdAt", "updatedAt") VALUES ('c1', 'u1', 'T', 'glm-5.1', 'dashscope', '${now}', '${now}')`,
];
const share = (id: string) =>
  `INSERT INTO "Share" ("id", "token", "conversationId", "userId", "mode") VALUES ('${id}', 'token-${id}', 'c1', 'u1', 'live')`;
const revoke = (id: string) => `UPDATE "Share" SET "revokedAt" = '${now}' WHERE "id" = '${id}'`;

describe(`migration ${MIGRATION}`, () => {
  it("on a fresh database: no settings row, so a new team shares with signed-in readers", async () => {
    const rows = await upgraded("fresh", []);
    expect(rows).toEqual([]);
    expect(policyOf(null).sharing).toBe("signed-in");
  });

  it("a team with working share links keeps them public, its other settings untouched", async () => {
    const rows = await upgraded("with-links", [
      ...conversation,
      share("s1"),
      `INSERT INTO "TeamSettings" ("id", "signUp", "defaultModel", "updatedAt") VALUES ('team', 'invite', 'glm-4.7', '${now}')`,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ signUp: "invite", defaultModel: "glm-4.7", sharing: "public", updatedAt: now }),
    ]);
  });

  it("a team that never saved a setting but has links gets a row that keeps them public", async () => {
    const rows = await upgraded("links-no-row", [...conversation, share("s1")]);
    expect(rows).toEqual([expect.objectContaining({ signUp: "open", enabledModels: null, sharing: "public" })]);
    // The app reads the row it wrote (its date included).
    vi.stubEnv("DATABASE_URL", `file:${path.join(tmp, "links-no-row.db")}`);
    const { db } = await import("../db/client");
    const row = await db.teamSettings.findUniqueOrThrow({ where: { id: "team" } });
    expect(policyOf(row).sharing).toBe("public");
    expect(Math.abs(row.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    await db.$disconnect();
  });

  it("a team whose links were all revoked starts with signed-in readers", async () => {
    const rows = await upgraded("revoked", [
      ...conversation,
      share("s1"),
      revoke("s1"),
      `INSERT INTO "TeamSettings" ("id", "signUp", "updatedAt") VALUES ('team', 'open', '${now}')`,
    ]);
    expect(rows).toEqual([expect.objectContaining({ sharing: "signed-in" })]);
  });
});
