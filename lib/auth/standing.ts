import "server-only";
import type { AppError } from "../errors";
import { appError } from "../i18n/app-error";
import { parseRole, type Role } from "../shared/roles";
import { readStanding, type StandingRow } from "./queries";

// Sessions are JWTs, so a signed-in browser holds a token the server cannot take back. What the
// token claims is therefore checked on each request against the user's row and the session's
// own row (./sessions): an account deleted or disabled since, whose sessions an admin revoked
// after this one began, or a session signed out since, is refused; and the role is the row's,
// so that a demoted admin loses access at once. One query, by primary key and unique index
// (./queries standingStatement).

/** What a session token claims: whose it is, when it began, and its id (./sessions). */
export interface SessionClaim {
  userId: string;
  /** When the session began (ms); 0 when the token predates the claim. */
  signedInAt: number;
  /** The session's id; tokens from before sessions had one carry none, and are refused. */
  sessionId: string | null;
}

export type Refusal = "missing" | "disabled" | "revoked" | "ended";

export interface Standing {
  role: Role;
  /** Why the session no longer counts, or null when it does. */
  refused: Refusal | null;
  /** When the session's row expires (ms), if it has one. */
  sessionExpiresAt: number | null;
}

/** How the rows judge the session. */
export function judgeStanding(row: StandingRow | undefined, claim: SessionClaim, now = Date.now()): Standing {
  if (!row) return { role: "member", refused: "missing", sessionExpiresAt: null };
  const role = parseRole(row.role);
  const expiresAt = row.sessionExpires == null ? null : Date.parse(String(row.sessionExpires));
  const judged = (refused: Refusal | null) => ({ role, refused, sessionExpiresAt: expiresAt });
  if (row.disabledAt != null) return judged("disabled");
  const validAfter = row.sessionsValidAfter == null ? null : Date.parse(String(row.sessionsValidAfter));
  if (validAfter !== null && claim.signedInAt < validAfter) return judged("revoked");
  if (expiresAt === null || !(expiresAt > now)) return judged("ended");
  return judged(null);
}

export async function standingOf(claim: SessionClaim): Promise<Standing> {
  return judgeStanding(await readStanding(claim), claim);
}

/** The error an API request meets when its session no longer counts, in words for each reason. */
export function standingError(refused: Refusal): AppError {
  switch (refused) {
    case "missing":
      return appError("unauthorized", "accountMissing");
    case "disabled":
      return appError("forbidden", "accountDisabled");
    case "revoked":
      return appError("unauthorized", "sessionRevoked");
    case "ended":
      return appError("unauthorized", "sessionEnded");
  }
}

/** When the token says its session began (our own claim: next-auth renews `iat` on every refresh). */
export function signedInAtOf(token: { signedInAt?: unknown }): number {
  return typeof token.signedInAt === "number" ? token.signedInAt : 0;
}

/** The token's session id (our own claim), or null for a token issued before sessions had one. */
export function sessionIdOf(token: { sid?: unknown }): string | null {
  return typeof token.sid === "string" && token.sid !== "" ? token.sid : null;
}
