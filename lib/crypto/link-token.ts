import { randomBytes } from "node:crypto";

// The token of a link that is its own key (share links, invite links): 32 random bytes (256 bits,
// unguessable) in base64url, 43 characters.

export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A string that can be such a token at all (anything else is refused without a query). */
export function isLinkToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
