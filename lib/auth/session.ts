import "server-only";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { parseRole, type Role } from "../shared/roles";
import { auth } from "./index";
import { isHttpsRequest, sessionCookieName } from "./session-cookie";
import { sessionIdOf, signedInAtOf, standingOf } from "./standing";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** When this session began (ms): sessions an admin revoked after it no longer count (./standing). */
  signedInAt: number;
  /** This session's id (./sessions): signed out, it no longer counts. */
  sessionId: string;
}

/**
 * The signed-in user of an API request, or null. Decrypts the session JWT (about a millisecond),
 * where `auth()` runs next-auth's whole session endpoint and re-issues the cookie on every call;
 * pages, through `requireUser`, keep doing that to roll the expiry. The token is then checked
 * against the user's and the session's rows (./standing), unless the caller does that in a read
 * of its own (the chat turn, to keep one round trip before the upstream call): `standing: "caller"`.
 */
export async function getRequestUser(
  request: Request,
  { standing = "here" }: { standing?: "here" | "caller" } = {},
): Promise<SessionUser | null> {
  const user = await readRequestToken(request);
  if (!user || standing === "caller") return user;
  const judged = await standingOf({ userId: user.id, signedInAt: user.signedInAt, sessionId: user.sessionId });
  return judged.refused ? null : { ...user, role: judged.role };
}

async function readRequestToken(request: Request): Promise<SessionUser | null> {
  // The same names next-auth itself reads.
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  // Only the cookie this request's protocol names (./session-cookie), and only a cookie: as
  // next-auth's own session check, which gets no other header (getToken would also take an
  // Authorization header).
  const https = isHttpsRequest(request.headers);
  const token = await getToken({
    req: { headers: new Headers({ cookie: request.headers.get("cookie") ?? "" }) },
    secret,
    secureCookie: https,
    cookieName: sessionCookieName(https),
  });
  const sessionId = token ? sessionIdOf(token) : null;
  // A token from before sessions had ids has none: it no longer counts.
  if (!token?.sub || typeof token.email !== "string" || !sessionId) return null;
  return {
    id: token.sub,
    email: token.email,
    name: typeof token.name === "string" ? token.name : null,
    role: parseRole(token.role),
    signedInAt: signedInAtOf(token),
    sessionId,
  };
}

/**
 * The signed-in user in a server component or action, or null. Once per request (React cache):
 * a layout and its page both ask, and each asking checks the account's row and renews the cookie.
 */
export const getSessionUser = cache(readSessionUser);

async function readSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    role: user.role,
    signedInAt: user.signedInAt,
    sessionId: user.sessionId,
  };
}

/** The signed-in user; pages without one go to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/**
 * The signed-in admin; anyone else gets a 404 (admin pages do not reveal they exist). The role
 * is the account row's, read by this request's session check (the jwt callback, ./standing), so
 * a demoted admin loses access at once.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}
