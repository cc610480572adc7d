import "server-only";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { auth } from "./index";
import { parseRole, type Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user of an API request, or null. Decrypts and checks the session JWT only
 * (about a millisecond), where `auth()` runs next-auth's whole session endpoint and re-issues
 * the cookie on every call; pages, through `requireUser`, keep doing that to roll the expiry.
 */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
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
  };
}

/** The signed-in user in a server component or action, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role };
}

/** The signed-in user; pages without one go to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}
