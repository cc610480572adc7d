import "server-only";
import { db, sql } from "../db/client";
import { prismaDate } from "../db/dates";

// Personal API keys' rows (lib/keys/keys, lib/keys/authenticate). A row holds the key's SHA-256
// and first characters only (lib/keys/key-format). Every owner-side query names the owner; the
// read that admits an API call is raw SQL, as the session's is (lib/auth/queries): it runs on
// every call.

const rowSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  monthlyTokens: true,
  monthlyMicros: true,
} as const;

/**
 * A new key's row, unless its owner already has `max` working keys (neither revoked nor expired
 * at `now`): one statement, so that two made at once cannot both pass the limit. Whether it was
 * made.
 */
export async function insertKeyWithin(
  key: {
    id: string;
    userId: string;
    name: string;
    keyHash: string;
    prefix: string;
    expiresAt: Date | null;
    monthlyTokens: number | null;
    monthlyMicros: number | null;
  },
  max: number,
  now: Date,
): Promise<boolean> {
  const at = prismaDate(now);
  const result = await sql().execute({
    sql: `INSERT INTO "ApiKey" ("id", "userId", "name", "keyHash", "prefix", "expiresAt", "monthlyTokens", "monthlyMicros", "createdAt")
      SELECT :id, :userId, :name, :keyHash, :prefix, :expiresAt, :monthlyTokens, :monthlyMicros, :now
      WHERE (SELECT COUNT(*) FROM "ApiKey" WHERE "userId" = :userId AND "revokedAt" IS NULL
        AND ("expiresAt" IS NULL OR "expiresAt" > :now)) < :max`,
    args: { ...key, expiresAt: key.expiresAt ? prismaDate(key.expiresAt) : null, now: at, max },
  });
  return result.rowsAffected === 1;
}

/** The user's keys, newest first (at most `take`). */
export function findKeysOf(userId: string, take: number) {
  return db.apiKey.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take, select: rowSelect });
}

/** Everyone's keys with their owners, newest first (at most `take`). */
export function findAllKeys(take: number) {
  return db.apiKey.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { ...rowSelect, user: { select: { id: true, email: true, name: true } } },
  });
}

/**
 * The keys' calls between the instants (the end excluded): tokens, and cost in the currency
 * (rows in another count for nothing), per key.
 */
export async function keyUsageBetween(
  keyIds: string[],
  range: { start: Date; end: Date; currency: string },
): Promise<Map<string, { tokens: number; micros: number }>> {
  const usage = new Map<string, { tokens: number; micros: number }>();
  if (keyIds.length === 0) return usage;
  const result = await sql().execute({
    sql: `SELECT "apiKeyId", SUM("totalTokens") AS "tokens",
        SUM(CASE WHEN "currency" = ? THEN COALESCE("costMicros", 0) ELSE 0 END) AS "micros"
      FROM "Usage" WHERE "apiKeyId" IN (${keyIds.map(() => "?").join(", ")}) AND "createdAt" >= ? AND "createdAt" < ?
      GROUP BY "apiKeyId"`,
    args: [range.currency, ...keyIds, prismaDate(range.start), prismaDate(range.end)],
  });
  for (const row of result.rows) {
    usage.set(String(row.apiKeyId), { tokens: Number(row.tokens ?? 0), micros: Number(row.micros ?? 0) });
  }
  return usage;
}

/** Whether the caps were set: false when the key is not the user's or was revoked. */
export async function updateKeyCaps(
  id: string,
  userId: string,
  caps: { monthlyTokens: number | null; monthlyMicros: number | null },
): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: { id, userId, revokedAt: null },
    data: {
      monthlyTokens: caps.monthlyTokens === null ? null : BigInt(caps.monthlyTokens),
      monthlyMicros: caps.monthlyMicros === null ? null : BigInt(caps.monthlyMicros),
    },
  });
  return count === 1;
}

/** Whether the key was revoked now: false when it is not `userId`'s (any user's when null) or was revoked already. */
export async function revokeKeyRow(id: string, userId: string | null, now: Date): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: { id, revokedAt: null, ...(userId !== null && { userId }) },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** What admitting a call with a key reads, as raw SQL returns it (dates as text, booleans as 0/1). */
export interface KeyCallerRow {
  id: unknown;
  userId: unknown;
  expiresAt: unknown;
  revokedAt: unknown;
  lastUsedAt: unknown;
  monthlyTokens: unknown;
  monthlyMicros: unknown;
  role: unknown;
  disabledAt: unknown;
  apiAccessOff: unknown;
  /** The team's switch; null while the team has no settings row (on, as a new team's). */
  teamApiAccess: unknown;
}

/** The key a hash stands for, with its user's standing and the team's switch: one read, by unique index. */
export async function readKeyCaller(keyHash: string): Promise<KeyCallerRow | undefined> {
  const result = await sql().execute({
    sql: `SELECT k."id", k."userId", k."expiresAt", k."revokedAt", k."lastUsedAt", k."monthlyTokens", k."monthlyMicros",
        u."role", u."disabledAt", u."apiAccessOff", t."apiAccess" AS "teamApiAccess"
      FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
      LEFT JOIN "TeamSettings" t ON t."id" = 'team'
      WHERE k."keyHash" = ?`,
    args: [keyHash],
  });
  return result.rows[0] as unknown as KeyCallerRow | undefined;
}

/** The key's last use set to `now`, unless it was set after `notAfter` (by another call, or instance). */
export async function touchKeyRow(id: string, now: Date, notAfter: Date): Promise<void> {
  await sql().execute({
    sql: `UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ? AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ?)`,
    args: [prismaDate(now), id, prismaDate(notAfter)],
  });
}

/** Whether the user exists (and now has API access `off`). */
export async function updateUserApiAccess(userId: string, off: boolean): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { apiAccessOff: off } });
  return count === 1;
}

/** Whether the user's API access is off. */
export async function findUserApiAccessOff(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { apiAccessOff: true } });
  return user?.apiAccessOff ?? false;
}
