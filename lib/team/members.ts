import "server-only";
import { type Role, roleSchema } from "../shared/roles";
import { disableUser, enableUser, findMembers, revokeSessionsOf, updateRole, userExists } from "./queries/members";

// The team's members as an admin manages them: roles, disabling, signing someone out everywhere.
// The team always keeps an active admin: the change that would remove the last one is refused,
// in the same statement that makes it (two admins demoting each other at once cannot both win:
// ./queries/members).

export type MemberRefusal = "lastAdmin" | "self" | "notFound";

export async function listMembers() {
  const users = await findMembers();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: roleSchema.catch("member").parse(u.role),
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
    /** An admin turned the person's API access off (lib/keys). */
    apiAccessOff: u.apiAccessOff,
    /** How the person signs in: "password" and/or providers' ids. */
    methods: [...(u.passwordHash ? ["password"] : []), ...new Set(u.accounts.map((a) => a.provider))],
  }));
}
export type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** Why a change was not made: the person is gone, or it would have removed the last active admin. */
async function changed(done: boolean, id: string): Promise<MemberRefusal | null> {
  if (done) return null;
  return (await userExists(id)) ? "lastAdmin" : "notFound";
}

export async function setRole(id: string, role: Role): Promise<MemberRefusal | null> {
  return changed(await updateRole(id, role, new Date()), id);
}

/** Disabling also ends the person's sessions; an admin cannot disable themselves. */
export async function setDisabled(id: string, disabled: boolean, by: string): Promise<MemberRefusal | null> {
  if (disabled && id === by) return "self";
  const now = new Date();
  return changed(disabled ? await disableUser(id, now) : await enableUser(id, now), id);
}

/**
 * Signs the person out on every device: their sessions end, and any that began before now is
 * refused (a sign-in finishing at this moment included), with the admin named as the reason.
 */
export async function revokeSessions(id: string): Promise<MemberRefusal | null> {
  return (await revokeSessionsOf(id, new Date())) ? null : "notFound";
}
