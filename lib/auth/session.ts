import "server-only";
import { redirect } from "next/navigation";
import { auth } from "./index";
import type { Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The signed-in user, or null. For route handlers, which answer 401 themselves. */
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
