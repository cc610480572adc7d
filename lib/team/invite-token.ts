import { createHash, randomBytes } from "node:crypto";

// An invite link's token: 32 random bytes (256 bits, unguessable) in base64url. The database keeps
// only its SHA-256, so that a copy of the database does not hold usable links.

export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A string that can be a token at all (anything else is refused without a query). */
export function looksLikeInviteToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
