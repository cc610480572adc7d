import "server-only";
import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";

// bcryptjs: pure JavaScript, so it installs everywhere (no native build), and cost 12 keeps a
// hash around a quarter second on a small server, slow for guessing, fine for a sign-in.
const COST = 12;

// bcrypt reads only the first 72 bytes of what it is given: a long passphrase (or 25 Chinese
// characters) would be cut short, and everything after could be anything. So new hashes are of
// a digest of the whole password: bcrypt(base64(HMAC-SHA256(password))), 44 ASCII characters,
// marked "v2:" so that hashes made before still verify as they were made. The HMAC key is a
// fixed label, not a secret: it only makes the digest our own, so that plain SHA-256 hashes
// leaked from elsewhere cannot be tried against bcrypt directly ("password shucking").
const V2 = "v2:";
const PREHASH_KEY = "glm-chat password v2";

function prehash(password: string): string {
  return createHmac("sha256", PREHASH_KEY).update(password, "utf8").digest("base64");
}

export async function hashPassword(password: string): Promise<string> {
  return V2 + (await bcrypt.hash(prehash(password), COST));
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (hash.startsWith(V2)) return bcrypt.compare(prehash(password), hash.slice(V2.length));
  return bcrypt.compare(password, hash);
}

/** A hash made before passwords were pre-hashed: replaced at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(V2);
}

// Compared against when the email is unknown, so that a wrong email and a wrong password take
// the same time and sign-in does not reveal which accounts exist.
export const DUMMY_HASH = "v2:$2b$12$9szo7toZQhcRUUh2UbfXJOSIQ6JmZH0bBtsDsWjY/1NgMPdRugySG";
