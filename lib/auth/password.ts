import "server-only";
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import bcrypt from "bcryptjs";

// Password hashes are scrypt (node:crypto), for two reasons:
// - it runs on libuv's thread pool, not on the event loop: a burst of sign-ups or wrong passwords
//   costs CPU but never stalls the chat streams and every other request (bcryptjs, pure
//   JavaScript, hashed on the event loop in ~100 ms slices: 20 sign-ups at once held /api/health
//   for ~800 ms);
// - it reads the whole password (bcrypt reads 72 bytes: 24 Chinese characters).
// Parameters are OWASP's (N=2^15, r=8, p=3: 32 MiB, a few hundred ms) and stored with each hash,
// so that they can be raised later. Hashes made by earlier versions (bcrypt, "$2…") still verify
// and are replaced at the owner's next sign-in (needsRehash).

const PREFIX = "scrypt";
const PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return [PREFIX, N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (!hash.startsWith(`${PREFIX}$`)) return bcrypt.compare(password, hash);
  const [, n, r, p, salt, expected] = hash.split("$");
  const want = Buffer.from(expected ?? "", "base64url");
  if (want.length !== KEY_BYTES) return false;
  const key = await derive(password, Buffer.from(salt ?? "", "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, want);
}

/** A hash of an older kind or with weaker parameters: replaced at the next successful sign-in. */
export function needsRehash(hash: string): boolean {
  const { N, r, p } = PARAMS;
  return !hash.startsWith(`${[PREFIX, N, r, p].join("$")}$`);
}

// Compared against when the email is unknown, so that a wrong email and a wrong password take
// the same time and sign-in does not reveal which accounts exist. Its key is not the scrypt of
// anything anyone can type (it was drawn at random).
export const DUMMY_HASH = "scrypt$32768$8$3$2Q9k0c0yWbJ1Ew8d2bq0Tg$b5Xg6m1d8wO3cH8TqkzM9v7oJ2nq4pQ1rA0sV3eLw6Y";
