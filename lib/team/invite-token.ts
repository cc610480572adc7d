import { createHash } from "node:crypto";

// An invite link's token is a link token (lib/crypto/link-token); the database keeps only its
// SHA-256, so that a copy of the database does not hold usable links.

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
