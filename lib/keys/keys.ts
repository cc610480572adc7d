import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { appError } from "../i18n/app-error";
import {
  type ApiKeyView,
  type KeyStatus,
  type keyCapsSchema,
  MAX_LIVE_KEYS,
  type newKeySchema,
} from "../shared/api-keys";
import { MICROS } from "../shared/spend/money";
import { spendConfig } from "../spend/config";
import { periodEnd, periodStart } from "../spend/period";
import { hashApiKey, keyPrefix, newApiKey } from "./key-format";
import {
  findAllKeys,
  findKeysOf,
  findUserApiAccessOff,
  insertKeyWithin,
  keyUsageBetween,
  revokeKeyRow,
  updateKeyCaps,
  updateUserApiAccess,
} from "./queries";

// Personal API keys, as their owner makes, lists and revokes them, and as an admin sees and
// revokes everyone's. A key is handed out once, when it is made: only its hash is kept. Another
// person's key answers as one that does not exist.

const DAY_MS = 24 * 60 * 60 * 1000;
/** The most keys a list shows (revoked ones included, newest first). */
const OWN_LIST_LIMIT = 100;
const ADMIN_LIST_LIMIT = 500;

/** A key just made: the only time the key itself is known. */
export interface CreatedKey {
  id: string;
  key: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
}

/** Caps as the form gives them (money in whole units) as stored (micro-units). */
function capsOf(input: Partial<z.output<typeof keyCapsSchema>>) {
  return {
    monthlyTokens: input.monthlyTokens ?? null,
    monthlyMicros: input.monthlyMoney == null ? null : Math.round(input.monthlyMoney * MICROS),
  };
}

/** What a new key is made from: its caps may be left out (none). */
type NewKeyInput = Omit<z.output<typeof newKeySchema>, keyof z.output<typeof keyCapsSchema>> &
  Partial<z.output<typeof keyCapsSchema>>;

/** A new key for the user; 409 when they already have as many working keys as allowed. */
export async function createApiKey(userId: string, input: NewKeyInput, now = new Date()): Promise<CreatedKey> {
  const key = newApiKey();
  const row = {
    id: randomUUID(),
    userId,
    name: input.name,
    keyHash: hashApiKey(key),
    prefix: keyPrefix(key),
    expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
    ...capsOf(input),
  };
  if (!(await insertKeyWithin(row, MAX_LIVE_KEYS, now))) {
    throw appError("conflict", "tooManyKeys", { limit: MAX_LIVE_KEYS });
  }
  return { id: row.id, key, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt };
}

type KeyRow = Awaited<ReturnType<typeof findKeysOf>>[number];

function statusOf(row: Pick<KeyRow, "revokedAt" | "expiresAt">, now: Date): KeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The rows as views, with this month's calls through each (the team's month and currency). */
async function withUsage<R extends KeyRow>(
  rows: R[],
  now: Date,
): Promise<(Omit<R, "monthlyTokens" | "monthlyMicros"> & ApiKeyView)[]> {
  const config = await spendConfig();
  const usage = await keyUsageBetween(
    rows.map((r) => r.id),
    { start: periodStart(now, config.timeZone), end: periodEnd(now, config.timeZone), currency: config.currency },
  );
  return rows.map(({ monthlyTokens, monthlyMicros, ...row }) => {
    const used = usage.get(row.id);
    return {
      ...row,
      status: statusOf(row, now),
      monthTokens: used?.tokens ?? 0,
      monthMicros: used?.micros ?? 0,
      capTokens: monthlyTokens === null ? null : Number(monthlyTokens),
      capMicros: monthlyMicros === null ? null : Number(monthlyMicros),
    };
  });
}

/** The user's keys, newest first: never the key, never its hash. */
export async function listApiKeys(userId: string, now = new Date()): Promise<ApiKeyView[]> {
  return withUsage(await findKeysOf(userId, OWN_LIST_LIMIT), now);
}

/** Sets the caps of one of the user's working keys; false when it is not theirs (or was revoked). */
export function setApiKeyCaps(userId: string, keyId: string, caps: z.output<typeof keyCapsSchema>): Promise<boolean> {
  return updateKeyCaps(keyId, userId, capsOf(caps));
}

/** Stops the user's key from working; false when it is not theirs (or was revoked already). */
export function revokeApiKey(userId: string, keyId: string, now = new Date()): Promise<boolean> {
  return revokeKeyRow(keyId, userId, now);
}

export type AdminKeyView = ApiKeyView & { owner: { id: string; email: string; name: string | null } };

/** Everyone's keys with their owners, newest first (for admins). */
export async function listAllApiKeys(now = new Date()): Promise<AdminKeyView[]> {
  const rows = await withUsage(await findAllKeys(ADMIN_LIST_LIMIT), now);
  return rows.map(({ user, ...row }) => ({ ...row, owner: user }));
}

/** An admin stops anyone's key; false when there is no such working key. */
export function revokeAnyApiKey(keyId: string, now = new Date()): Promise<boolean> {
  return revokeKeyRow(keyId, null, now);
}

/** An admin turns one person's API access off or on (their keys answer 403 while off); false when they do not exist. */
export function setUserApiAccess(userId: string, on: boolean): Promise<boolean> {
  return updateUserApiAccess(userId, !on);
}

/** Whether an admin turned the user's API access off. */
export function userApiAccessOff(userId: string): Promise<boolean> {
  return findUserApiAccessOff(userId);
}
