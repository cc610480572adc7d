import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// A fresh deployment's first account becomes the team's admin, so it must not go to whoever
// finds the site first: it is made with a one-time set-up link that the server prints in its
// log at start (lib/team/first-admin, and `npm run setup`). The token is derived from
// AUTH_SECRET, so every instance of a deployment prints the same one and nothing is stored; it
// works only while the team has no account (lib/team/registration), and knowing it gives
// nothing that AUTH_SECRET does not (which signs every session). Not server-only: the set-up
// script and the e2e support compute it too.

type Env = Record<string, string | undefined>;

const PURPOSE = "glm-chat: set-up link for the first admin, v1";

/** The secret next-auth signs sessions with (the same names it reads). */
function authSecretOf(env: Env): string | undefined {
  return env.AUTH_SECRET?.trim() || env.NEXTAUTH_SECRET?.trim() || undefined;
}

/** The set-up token (43 characters, the shape of a link token), or null without AUTH_SECRET. */
export function setupToken(env: Env = process.env): string | null {
  const secret = authSecretOf(env);
  return secret ? createHmac("sha256", secret).update(PURPOSE).digest("base64url") : null;
}

/** Whether `candidate` is the set-up token, compared in constant time. */
export function isSetupToken(candidate: unknown, env: Env = process.env): candidate is string {
  const expected = setupToken(env);
  if (!expected || typeof candidate !== "string") return false;
  // Digests of both: equal lengths for timingSafeEqual, whatever was sent.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

/** The set-up link's path (the sign-up page, which shows the form for it while the team is empty). */
export function setupPath(token: string): string {
  return `/sign-up?setup=${token}`;
}

/**
 * Where the site is, for a link printed in a log: AUTH_URL when set, Vercel's address on Vercel,
 * else this machine at the port the server listens on.
 */
export function siteOrigin(env: Env = process.env): string {
  const configured = env.AUTH_URL?.trim() || env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // Reported by the start-up check; fall through to a guess.
    }
  }
  const vercel = env.VERCEL_PROJECT_PRODUCTION_URL?.trim() || env.VERCEL_URL?.trim();
  if (vercel) return `https://${vercel}`;
  return `http://localhost:${env.PORT?.trim() || "3000"}`;
}

/** What the server and `npm run setup` print while the team has no account. */
export function setupMessage(env: Env = process.env): string | null {
  const token = setupToken(env);
  if (!token) return null;
  return [
    "No account yet. Create the team's first account (it becomes the admin) with this one-time link:",
    `  ${siteOrigin(env)}${setupPath(token)}`,
    "(On another address of this site, open the same path there. The link stops working once an account exists.)",
  ].join("\n");
}
