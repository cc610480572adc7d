import "server-only";
import { sql } from "../db/client";
import { prismaDate } from "../db/dates";

// Password guessing is slowed down per account and per client address: after too many failed
// sign-ins in a window, further attempts are refused for a while, even with the right password,
// without the password being checked. Counters live in the database, so that every instance of
// the app sees them. Each update is one statement (atomic under concurrent attempts).

export const THROTTLE = {
  /** Failures per email within the window before it is locked. */
  perEmail: 5,
  /** Failures per client address within the window (password spraying across accounts). */
  perAddress: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

const keysOf = (email: string, address: string | null) => [
  { key: `email:${email}`, limit: THROTTLE.perEmail },
  ...(address ? [{ key: `ip:${address}`, limit: THROTTLE.perAddress }] : []),
];

/** When sign-in for this email (or from this address) is refused until, if it is. */
export async function lockedUntil(email: string, address: string | null, now = new Date()): Promise<Date | null> {
  const keys = keysOf(email, address).map((k) => k.key);
  const result = await sql().execute({
    sql: `SELECT MAX("lockedUntil") AS "until" FROM "SignInThrottle" WHERE "key" IN (${keys.map(() => "?").join(", ")}) AND "lockedUntil" > ?`,
    args: [...keys, prismaDate(now)],
  });
  const until = result.rows[0]?.until;
  return until == null ? null : new Date(String(until));
}

/** Counts a failed sign-in; locks the email or address once it has failed too often. */
export async function recordFailure(email: string, address: string | null, now = new Date()): Promise<void> {
  const windowStart = prismaDate(new Date(now.getTime() - THROTTLE.windowMs));
  const lockUntil = prismaDate(new Date(now.getTime() + THROTTLE.lockMs));
  await sql().batch(
    keysOf(email, address).map(({ key, limit }) => ({
      // A window that has passed starts again at one failure.
      sql: `INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil") VALUES (:key, 1, :now, NULL)
        ON CONFLICT ("key") DO UPDATE SET
          "failures" = CASE WHEN "windowStart" < :windowStart THEN 1 ELSE "failures" + 1 END,
          "windowStart" = CASE WHEN "windowStart" < :windowStart THEN :now ELSE "windowStart" END,
          "lockedUntil" = CASE WHEN "windowStart" >= :windowStart AND "failures" + 1 >= :limit THEN :lockUntil ELSE "lockedUntil" END`,
      args: { key, now: prismaDate(now), windowStart, lockUntil, limit },
    })),
    "write",
  );
}

/** A successful sign-in forgets the account's failures (not the address's). */
export async function recordSuccess(email: string): Promise<void> {
  await sql().execute({ sql: 'DELETE FROM "SignInThrottle" WHERE "key" = ?', args: [`email:${email}`] });
}

/** The client's address as the proxy in front reports it (first hop of X-Forwarded-For). */
export function clientAddress(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers?.get("x-real-ip")?.trim() || null;
}
