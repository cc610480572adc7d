import { createHash, randomBytes } from "node:crypto";

// A personal API key: "glmc_" and 32 random bytes (256 bits, unguessable) in base64url, 48
// characters in all. The database keeps its SHA-256 (hex) and its first characters only: a key
// is looked up by its hash, so no stored key is ever compared with one sent, and a copy of the
// database holds no working key.

export const KEY_MARK = "glmc_";
/** How many of the key's first characters are kept, to tell keys apart in lists. */
export const PREFIX_LENGTH = 12;

const KEY_SHAPE = /^glmc_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): string {
  return `${KEY_MARK}${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

/** A string that can be a key at all (anything else is refused without a query). */
export function isApiKeyShape(value: unknown): value is string {
  return typeof value === "string" && KEY_SHAPE.test(value);
}
