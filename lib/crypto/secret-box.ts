import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Secrets stored in the database (platform API keys, MCP tokens) are sealed with AES-256-GCM under
// a key derived from the ENCRYPTION_KEY environment variable, which never leaves the server.
//
// v2 (written now): "v2." + base64url(iv ‖ tag ‖ ciphertext). The key is HKDF-SHA-256 of
// ENCRYPTION_KEY with a purpose label, so that the same variable could key something else without
// the two ever sharing a key. The value is bound to its row and field (GCM's additional data,
// `boundTo`): a sealed value copied into another row or another column does not open.
// v1 (read only): the key was one SHA-256 of ENCRYPTION_KEY, with no binding. Such values still
// open; lib/crypto/reseal.ts rewrites them as v2.
// Both: a 12-byte IV and a 16-byte tag, enforced (GCM would otherwise accept a shorter tag, which
// is easier to forge).

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PURPOSE = "glm-chat/secret-box/v2: secrets stored in the database";

/** The columns that hold sealed values: table and field, as a binding names them. */
const SEALED_FIELDS = {
  platformKey: ["PlatformConnection", "apiKey"],
  mcpToken: ["McpServer", "token"],
} as const;
export type SealedField = keyof typeof SEALED_FIELDS;

/** What a sealed value is bound to: "PlatformConnection:<id>:apiKey", "McpServer:<id>:token". */
export function boundTo(field: SealedField, rowId: string): string {
  if (!rowId) throw new Error("A sealed value needs its row's id: make the id before sealing.");
  const [table, column] = SEALED_FIELDS[field];
  return `${table}:${rowId}:${column}`;
}

function secretOf(secret = process.env.ENCRYPTION_KEY): string {
  if (!secret || secret.trim().length < 16) {
    throw new Error("ENCRYPTION_KEY is not set (or shorter than 16 characters): stored secrets cannot be used.");
  }
  return secret.trim();
}

let derived: { secret: string; key: Buffer } | undefined;

function keyV2(secret?: string): Buffer {
  const from = secretOf(secret);
  if (derived?.secret !== from) {
    derived = { secret: from, key: Buffer.from(hkdfSync("sha256", from, Buffer.alloc(0), PURPOSE, 32)) };
  }
  return derived.key;
}

function keyV1(secret?: string): Buffer {
  return createHash("sha256").update(secretOf(secret)).digest();
}

/** Seals `plaintext` for the row and field `boundTo` names (boundTo). */
export function seal(plaintext: string, boundTo: string, secret?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyV2(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v2.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/**
 * Opens a value sealed for `boundTo`; throws if it was sealed for another row or field, under
 * another key, or was changed. A v1 value (sealed before values were bound) opens for any row.
 */
export function open(sealed: string, boundTo: string, secret?: string): string {
  const dot = sealed.indexOf(".");
  const version = sealed.slice(0, dot);
  const data = Buffer.from(sealed.slice(dot + 1), "base64url");
  if ((version !== "v1" && version !== "v2") || data.length < IV_BYTES + TAG_BYTES) {
    throw new Error("Not a sealed secret.");
  }
  const key = version === "v2" ? keyV2(secret) : keyV1(secret);
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  if (version === "v2") decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** Sealed before values were bound to their row (open() still reads it; reseal.ts upgrades it). */
export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith("v1.");
}

/** How a key is shown: never more than its last four characters. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? "••••" : `••••${value.slice(-4)}`;
}
