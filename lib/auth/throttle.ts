import "server-only";
import { countAttempts, deleteCounters, type ThrottleCounter } from "./queries";

// Password guessing is slowed down per account and per client address: after too many sign-in
// attempts that did not succeed within a window, further ones are refused for a while, even
// with the right password, without the password being checked. Sign-ups are limited the same
// way (admitSignUp). Counters live in the database, so that every instance of the app sees
// them. Each update is one statement (atomic under concurrent attempts: ./queries countAttempts).

export const THROTTLE = {
  /** Attempts per email within the window (a success resets the count) before it is locked. */
  perEmail: 5,
  /**
   * When the client's address is known: attempts per email from one address (perEmail), and from
   * all addresses together this many. Someone failing on purpose from their own address then
   * locks only themselves out of the account, not its owner signing in from elsewhere; guessing
   * from many addresses is still capped.
   */
  perEmailAnywhere: 50,
  /** Failures per client address within the window (password spraying across accounts). */
  perAddress: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

const signInCounters = (email: string, address: string | null): ThrottleCounter[] =>
  address
    ? [
        { key: `email-ip:${email}|${address}`, limit: THROTTLE.perEmail },
        { key: `email:${email}`, limit: THROTTLE.perEmailAnywhere },
        { key: `ip:${address}`, limit: THROTTLE.perAddress },
      ]
    : [{ key: `email:${email}`, limit: THROTTLE.perEmail }];

/**
 * Counts a sign-in attempt before its password is checked, and says whether it may go on: an
 * attempt over the limit (or during a lock) is refused, and locks. Counting first, in one
 * write, means simultaneous attempts cannot all pass the check before any is counted. A
 * successful sign-in then forgets the account's count (recordSuccess).
 */
export function admitAttempt(email: string, address: string | null, now = new Date()): Promise<boolean> {
  return admit(signInCounters(email, address), now);
}

/**
 * Sign-ups that would hash a password (lib/team/sign-up), counted the same way but apart from
 * sign-ins: per address when a trusted proxy reports it, per email, and for the whole team, so
 * that nobody can keep the server hashing passwords (a quarter second of CPU each), even from
 * addresses it cannot tell apart. Nothing is forgotten on success: each sign-up is work done.
 */
export const SIGN_UP_THROTTLE = {
  perEmail: 5,
  perAddress: 10,
  /**
   * All sign-ups of the team together within the window: at two hashes each (the sign-up and
   * the sign-in after it), at most ~50 s of CPU per 15 minutes, and far more than a team signs
   * up in that time.
   */
  total: 100,
};

export function admitSignUp(email: string, address: string | null, now = new Date()): Promise<boolean> {
  const own: ThrottleCounter[] = [{ key: `sign-up-email:${email}`, limit: SIGN_UP_THROTTLE.perEmail }];
  if (address) own.push({ key: `sign-up-ip:${address}`, limit: SIGN_UP_THROTTLE.perAddress });
  // The team's total counts only attempts their own limits let through: someone repeating one
  // address is stopped by its own limit and cannot use the total up for everyone else.
  return admit(own, now, { key: "sign-up", limit: SIGN_UP_THROTTLE.total });
}

/**
 * Counts one attempt against each counter, in one write (./queries countAttempts); false when any
 * is over its limit or locked. A `shared` counter is counted only when the others let the attempt
 * through.
 */
async function admit(counters: ThrottleCounter[], now: Date, shared?: ThrottleCounter): Promise<boolean> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMs);
  return !(await countAttempts(counters, shared, { now, windowStart, lockUntil }));
}

/** A successful sign-in forgets the account's failures (from that address, and overall; not the address's). */
export async function recordSuccess(email: string, address: string | null = null): Promise<void> {
  await deleteCounters([`email:${email}`, `email-ip:${email}|${address ?? ""}`]);
}

/**
 * The client's address, as the proxies in front of the app report it: X-Forwarded-For is
 * written by the client first and each proxy appends, so only the entries added by proxies the
 * operator trusts count (TRUSTED_PROXY_HOPS, e.g. 1 behind one reverse proxy). Without it the
 * header is not trusted at all and only the per-account limit applies.
 */
export function clientAddress(
  headers: Headers | undefined,
  hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0),
): string | null {
  if (!Number.isInteger(hops) || hops < 1) return null;
  const chain = (headers?.get("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  return chain.at(-hops) ?? null;
}
