// The session cookie's name. Over HTTPS it is "__Host-" prefixed: the browser keeps such a cookie
// only if it is Secure, for the path "/" and with no Domain, so that neither a sibling subdomain
// nor a plain-http page can plant one; and only that name is read, no fallback to the plain or
// "__Secure-" name that such a page could set. Over plain http (a laptop) the plain name.
// Whether a request came over HTTPS is decided as next-auth decides the site's address: from
// AUTH_URL when it is set, else from X-Forwarded-Proto, which Next.js fills in from the
// connection when no proxy did (trustHost).

type Env = Record<string, string | undefined>;

const NAME = "authjs.session-token";

export function isHttpsRequest(headers: Headers, env: Env = process.env): boolean {
  const site = env.AUTH_URL?.trim() || env.NEXTAUTH_URL?.trim();
  if (site) {
    try {
      return new URL(site).protocol === "https:";
    } catch {
      // An unreadable AUTH_URL: the start-up check says so; judge by the request meanwhile.
    }
  }
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function sessionCookieName(https: boolean): string {
  return https ? `__Host-${NAME}` : NAME;
}

/** next-auth's `cookies.sessionToken` for a request over HTTPS or not. */
export function sessionCookie(https: boolean) {
  return {
    name: sessionCookieName(https),
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: https },
  };
}
