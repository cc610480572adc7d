import { createHash } from "node:crypto";

// A share link's token is a link token (lib/crypto/link-token); the database keeps only its
// SHA-256, so that a copy of the database holds no working links. Hex: 64 characters, which a
// token stored in plain text before (43 characters) cannot be mistaken for.

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
