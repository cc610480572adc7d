import "server-only";
import { sql } from "../db/client";
import { parseRole, type Role } from "./roles";

// Sessions are JWTs, so a signed-in browser holds a token the server cannot take back. What the
// token claims is therefore checked against the user's row on each request: an account deleted or
// disabled since, or whose sessions an admin revoked after this one began, is signed out; and
// the role is the row's, so that a demoted admin loses access at once. One primary-key read.

export interface Standing {
  role: Role;
  /** Why the session no longer counts, or null when it does. */
  refused: "missing" | "disabled" | "revoked" | null;
}

/** The row's columns as raw SQL returns them (the chat's batched read shares this). */
export interface StandingRow {
  role: unknown;
  disabledAt: unknown;
  sessionsValidAfter: unknown;
}

export const STANDING_SQL = 'SELECT "role", "disabledAt", "sessionsValidAfter" FROM "User" WHERE "id" = ?';

/** How a user's row judges a session that began at `signedInAt` (ms; 0 when the token predates the claim). */
export function judgeStanding(row: StandingRow | undefined, signedInAt: number): Standing {
  if (!row) return { role: "member", refused: "missing" };
  const role = parseRole(row.role);
  if (row.disabledAt != null) return { role, refused: "disabled" };
  const validAfter = row.sessionsValidAfter == null ? null : Date.parse(String(row.sessionsValidAfter));
  if (validAfter !== null && signedInAt < validAfter) return { role, refused: "revoked" };
  return { role, refused: null };
}

export async function standingOf(userId: string, signedInAt: number): Promise<Standing> {
  const result = await sql().execute({ sql: STANDING_SQL, args: [userId] });
  return judgeStanding(result.rows[0] as unknown as StandingRow | undefined, signedInAt);
}

/** When the token says its session began (our own claim: next-auth renews `iat` on every refresh). */
export function signedInAtOf(token: { signedInAt?: unknown }): number {
  return typeof token.signedInAt === "number" ? token.signedInAt : 0;
}
