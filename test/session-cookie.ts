import { encode } from "next-auth/jwt";

// A signed-in session for tests that call route handlers with a cookie: the session's row
// (lib/auth/sessions, in the database DATABASE_URL names) and a JWT carrying its id, sealed as
// next-auth seals it over plain http. A token without a session id is refused.

export async function sessionCookieFor(
  user: { id: string; email: string },
  secret: string,
  role: "admin" | "member" = "member",
): Promise<string> {
  const { startSession } = await import("../lib/auth/sessions");
  const sid = await startSession(user.id);
  const name = "authjs.session-token";
  const token = await encode({
    token: { sub: user.id, email: user.email, role, signedInAt: Date.now(), sid },
    secret,
    salt: name,
  });
  return `${name}=${token}`;
}
