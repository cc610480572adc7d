import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets stored in the database (platform API keys) are sealed with AES-256-GCM under a key from
// the ENCRYPTION_KEY environment variable, which never leaves the server. A sealed value is
// "v1." + base64url(iv ‖ tag ‖ ciphertext); the version leaves room for key rotation.

const VERSION = "v1";

function key(secret = process.env.ENCRYPTION_KEY): Buffer {
  if (!secret || secret.trim().length < 16) {
    throw new Error("ENCRYPTION_KEY is not set (or shorter than 16 characters): stored secrets cannot be used.");
  }
  // Any string works as a key; hashing gives exactly 32 bytes.
  return createHash("sha256").update(secret.trim()).digest();
}

export function seal(plaintext: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function open(sealed: string, secret?: string): string {
  const [version, payload] = sealed.split(".");
  if (version !== VERSION || !payload) throw new Error("Not a sealed secret.");
  const data = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

/** How a key is shown: never more than its last four characters. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? "••••" : `••••${value.slice(-4)}`;
}
