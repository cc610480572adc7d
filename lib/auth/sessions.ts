import "server-only";
import { newLinkToken } from "../crypto/link-token";
import { deleteSession, deleteSessionsOf, extendSessionRow, insertSession } from "./queries";
import { sessionKey } from "./session-key";

// Each session has an id, a claim in its JWT, and a row in "Session" from sign-in to sign-out:
// signing out deletes the row, and a token whose row is gone no longer counts (./standing reads
// the row in the same query as the account's), so a copied cookie dies with the session. Only
// the id's SHA-256 is stored (./session-key), so that a copy of the database holds no usable session.

/** How long a session lasts unused (the cookie's and the JWT's lifetime, renewed as pages load). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
/**
 * A row outlives its cookie by up to a day: renewing the row on every page load would be a write
 * per page, so it is moved on only when less than the cookie's lifetime is left (./index jwt).
 */
const ROW_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * A new session for a user signing in: its row, the account's last sign-in, and the clean-up of
 * sessions that have expired (anyone's), in one write. Returns the id for the JWT.
 */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const sessionId = newLinkToken();
  await insertSession({ key: sessionKey(sessionId), userId, expires: rowExpiry(now) }, now);
  return sessionId;
}

/** Whether a session in use should have its row moved on (see ROW_SLACK_MS). */
export function sessionNeedsExtending(expiresAt: number, now = Date.now()): boolean {
  return expiresAt < now + SESSION_MAX_AGE_S * 1000;
}

export async function extendSession(sessionId: string, now = new Date()): Promise<void> {
  await extendSessionRow(sessionKey(sessionId), rowExpiry(now), now);
}

/** Sign-out: this session no longer counts, wherever its cookie is. */
export async function endSession(sessionId: string): Promise<void> {
  await deleteSession(sessionKey(sessionId));
}

/** Signing out on every device: none of the user's sessions counts any more. */
export async function endAllSessions(userId: string): Promise<void> {
  await deleteSessionsOf(userId);
}

function rowExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_MAX_AGE_S * 1000 + ROW_SLACK_MS);
}
