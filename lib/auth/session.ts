import "server-only";
import { notFound, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { db } from "../db/client";
import { auth } from "./index";
import { parseRole, type Role } from "./roles";
import { signedInAtOf, standingOf } from "./standing";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** When this session began (ms): sessions an admin revoked after it no longer count (./standing). */
  signedInAt: number;
}

/**
 * The signed-in user of an API request, or null. Decrypts the session JWT (about a millisecond),
 * where `auth()` runs next-auth's whole session endpoint and re-issues the cookie on every call;
 * pages, through `requireUser`, keep doing that to roll the expiry. The token is then checked
 * against the user's row (./standing), unless the caller does that in a read of its own (the
 * chat turn, to keep one round trip before the upstream call): `standing: "caller"`.
 */
export async function getRequestUser(
  request: Request,
  { standing = "here" }: { standing?: "here" | "caller" } = {},
): Promise<SessionUser | null> {
  const user = await readRequestToken(request);
  if (!user || standing === "caller") return user;
  const judged = await standingOf(user.id, user.signedInAt);
  return judged.refused ? null : { ...user, role: judged.role };
}

async function readRequestToken(request: Request): Promise<SessionUser | null> {
  // The same names next-auth itself reads.
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  // Behind HTTPS next-auth names the cookie __Secure-authjs.session-token.
  const token =
    (await getToken({ req: request, secret, secureCookie: true })) ??
    (await getToken({ req: request, secret, secureCookie: false }));
  if (!token?.sub || typeof token.email !== "string") return null;
  return {
    id: token.sub,
    email: token.email,
    name: typeof token.name === "string" ? token.name : null,
    role: parseRole(token.role),
    signedInAt: signedInAtOf(token),
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
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role, signedInAt: user.signedInAt };
}

/** The signed-in user; pages without one go to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/**
 * The signed-in admin. The role is read from the database, not the session, so that a demoted
 * admin loses access at once. Anyone else gets a 404: admin pages do not reveal they exist.
 */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!(await isActiveAdmin(user.id))) notFound();
  return { ...user, role: "admin" };
}

/** Whether the user is an admin now (read from the database, not the session) and not disabled. */
export async function isActiveAdmin(userId: string): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
  return row?.role === "admin" && !row.disabledAt;
}
