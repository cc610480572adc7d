import "server-only";
import type { InStatement } from "@libsql/client";
import { db, sql } from "../db/client";
import { prismaDate } from "../db/dates";
import { sessionKey } from "./session-key";

// The sign-in's queries: password hashes, session rows (./sessions), the read that judges a
// session (./standing) and the sign-in throttle's counters (./throttle). All raw SQL: they run on
// every request or every sign-in attempt, where Prisma's per-query cost would show.

/** A hash of an older kind replaced by a new one, unless it changed meanwhile. */
export async function replacePasswordHash(userId: string, old: string, next: string): Promise<void> {
  await sql().execute({
    sql: 'UPDATE "User" SET "passwordHash" = ? WHERE "id" = ? AND "passwordHash" = ?',
    args: [next, userId, old],
  });
}

/**
 * A new session's row, the account's last sign-in, and the clean-up of sessions that have
 * expired (anyone's), in one write.
 */
export async function insertSession(session: { key: string; userId: string; expires: Date }, now: Date): Promise<void> {
  const at = prismaDate(now);
  await sql().batch(
    [
      {
        sql: 'INSERT INTO "Session" ("sessionToken", "userId", "expires", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)',
        args: [session.key, session.userId, prismaDate(session.expires), at, at],
      },
      { sql: 'UPDATE "User" SET "lastSignInAt" = ? WHERE "id" = ?', args: [at, session.userId] },
      { sql: 'DELETE FROM "Session" WHERE "expires" < ?', args: [at] },
    ],
    "write",
  );
}

export async function extendSessionRow(key: string, expires: Date, now: Date): Promise<void> {
  await sql().execute({
    sql: 'UPDATE "Session" SET "expires" = ?, "updatedAt" = ? WHERE "sessionToken" = ?',
    args: [prismaDate(expires), prismaDate(now), key],
  });
}

export async function deleteSession(key: string): Promise<void> {
  await sql().execute({ sql: 'DELETE FROM "Session" WHERE "sessionToken" = ?', args: [key] });
}

export async function deleteSessionsOf(userId: string): Promise<void> {
  await sql().execute({ sql: 'DELETE FROM "Session" WHERE "userId" = ?', args: [userId] });
}

/** The row's columns as raw SQL returns them (the chat's batched read shares this). */
export interface StandingRow {
  role: unknown;
  disabledAt: unknown;
  sessionsValidAfter: unknown;
  sessionExpires: unknown;
}

/**
 * The read that judges a session: the user's row with the session's, if it still exists. One
 * query, by primary key and unique index.
 */
export function standingStatement(claim: { userId: string; sessionId: string | null }): InStatement {
  return {
    sql: `SELECT u."role", u."disabledAt", u."sessionsValidAfter", s."expires" AS "sessionExpires"
      FROM "User" u LEFT JOIN "Session" s ON s."sessionToken" = ? AND s."userId" = u."id"
      WHERE u."id" = ?`,
    // No id: a key no row has.
    args: [claim.sessionId ? sessionKey(claim.sessionId) : "", claim.userId],
  };
}

export async function readStanding(claim: {
  userId: string;
  sessionId: string | null;
}): Promise<StandingRow | undefined> {
  const result = await sql().execute(standingStatement(claim));
  return result.rows[0] as unknown as StandingRow | undefined;
}

/** A throttle counter and how many attempts it allows within the window. */
export interface ThrottleCounter {
  key: string;
  limit: number;
}

const UPSERT_SET = `ON CONFLICT ("key") DO UPDATE SET
  "failures" = CASE WHEN "windowStart" < :windowStart THEN 1 ELSE "failures" + 1 END,
  "windowStart" = CASE WHEN "windowStart" < :windowStart THEN :now ELSE "windowStart" END,
  "lockedUntil" = CASE
    WHEN "lockedUntil" > :now THEN "lockedUntil"
    WHEN "windowStart" >= :windowStart AND "failures" + 1 > :limit THEN :lockUntil
    ELSE NULL END`;

/**
 * Counts one attempt against each counter, in one write (each update one statement, atomic under
 * concurrent attempts); true when any is over its limit or locked. A `shared` counter is counted
 * only when the others let the attempt through. Attempts before `windowStart` no longer count,
 * and crossing a limit locks until `lockUntil`.
 */
export async function countAttempts(
  counters: ThrottleCounter[],
  shared: ThrottleCounter | undefined,
  at: { now: Date; windowStart: Date; lockUntil: Date },
): Promise<boolean> {
  const windowStart = prismaDate(at.windowStart);
  const times = { now: prismaDate(at.now), windowStart, lockUntil: prismaDate(at.lockUntil) };
  const all = shared ? [...counters, shared] : counters;
  const keyArgs = Object.fromEntries(all.map((c, i) => [`k${i}`, c.key]));
  const lockedAmong = (n: number) =>
    `SELECT 1 FROM "SignInThrottle" WHERE "key" IN (${all
      .slice(0, n)
      .map((_, i) => `:k${i}`)
      .join(", ")}) AND "lockedUntil" > :now`;
  const results = await sql().batch(
    [
      // A window that has passed starts again at one; crossing the limit locks (a lock under
      // way is not extended, so that a lock always ends).
      ...counters.map(({ key, limit }) => ({
        sql: `INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil") VALUES (:key, 1, :now, NULL) ${UPSERT_SET}`,
        args: { key, limit, ...times },
      })),
      ...(shared
        ? [
            {
              sql: `INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
                SELECT :key, 1, :now, NULL WHERE NOT EXISTS (${lockedAmong(counters.length)}) ${UPSERT_SET}`,
              args: { key: shared.key, limit: shared.limit, ...times, ...keyArgs },
            },
          ]
        : []),
      { sql: `SELECT EXISTS (${lockedAmong(all.length)}) AS "locked"`, args: { now: times.now, ...keyArgs } },
      // Rows whose window and lock have both passed count for nothing: forget them, so that the
      // table holds only recent attempts (the addresses and emails tried are not kept).
      {
        sql: `DELETE FROM "SignInThrottle" WHERE "windowStart" < ? AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)`,
        args: [windowStart, times.now],
      },
    ],
    "write",
  );
  return Number(results.at(-2)?.rows[0]?.locked ?? 0) !== 0;
}

/** The counters forgotten, their counts and locks with them. */
export async function deleteCounters(keys: string[]): Promise<void> {
  await sql().execute({
    sql: `DELETE FROM "SignInThrottle" WHERE "key" IN (${keys.map(() => "?").join(", ")})`,
    args: keys,
  });
}

/** The account a password sign-in names, with what the check needs. */
export function findUserByEmail(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}
