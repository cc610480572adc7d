import { createHash } from "node:crypto";

// A session's row (lib/auth/sessions) is keyed by the SHA-256 of its id, never the id itself, so
// that a copy of the database holds no usable session.

/** The row's key for a session id. */
export function sessionKey(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url");
}
