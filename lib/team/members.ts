import "server-only";
import { type Role, roleSchema } from "../auth/roles";
import { db, sql } from "../db/client";
import { prismaDate } from "../db/dates";

// The team's members as an admin manages them: roles, disabling, signing someone out everywhere.
// The team always keeps an active admin: the change that would remove the last one is refused,
// in the same statement that makes it (two admins demoting each other at once cannot both win).

export type MemberRefusal = "lastAdmin" | "self" | "notFound";

export async function listMembers() {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      lastSignInAt: true,
      passwordHash: true,
      accounts: { select: { provider: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: roleSchema.catch("member").parse(u.role),
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
    /** How the person signs in: "password" and/or providers' ids. */
    methods: [...(u.passwordHash ? ["password"] : []), ...new Set(u.accounts.map((a) => a.provider))],
  }));
}
export type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** Another active admin than `userId` exists (as a SQL condition on the same statement). */
const OTHER_ADMIN = `EXISTS (SELECT 1 FROM "User" WHERE "role" = 'admin' AND "disabledAt" IS NULL AND "id" != :id)`;

async function changed(result: Promise<{ rowsAffected: number }>, id: string): Promise<MemberRefusal | null> {
  if ((await result).rowsAffected === 1) return null;
  const exists = await db.user.findUnique({ where: { id }, select: { id: true } });
  return exists ? "lastAdmin" : "notFound";
}

export async function setRole(id: string, role: Role): Promise<MemberRefusal | null> {
  return changed(
    sql().execute({
      sql: `UPDATE "User" SET "role" = :role, "updatedAt" = :now WHERE "id" = :id AND (:role = 'admin' OR ${OTHER_ADMIN})`,
      args: { id, role, now: prismaDate(new Date()) },
    }),
    id,
  );
}

/** The person's sessions (lib/auth/sessions) deleted, if the change of this moment was made. */
const END_SESSIONS = `DELETE FROM "Session" WHERE "userId" = :id
  AND EXISTS (SELECT 1 FROM "User" WHERE "id" = :id AND "sessionsValidAfter" = :now)`;

/** Disabling also ends the person's sessions; an admin cannot disable themselves. */
export async function setDisabled(id: string, disabled: boolean, by: string): Promise<MemberRefusal | null> {
  if (disabled && id === by) return "self";
  const now = prismaDate(new Date());
  if (!disabled) {
    return changed(
      sql().execute({
        sql: `UPDATE "User" SET "disabledAt" = NULL, "updatedAt" = :now WHERE "id" = :id`,
        args: { id, now },
      }),
      id,
    );
  }
  const [disabling] = await sql().batch(
    [
      {
        sql: `UPDATE "User" SET "disabledAt" = :now, "sessionsValidAfter" = :now, "updatedAt" = :now
          WHERE "id" = :id AND ("role" != 'admin' OR ${OTHER_ADMIN})`,
        args: { id, now },
      },
      { sql: END_SESSIONS, args: { id, now } },
    ],
    "write",
  );
  return changed(Promise.resolve(disabling), id);
}

/**
 * Signs the person out on every device: their sessions end, and any that began before now is
 * refused (a sign-in finishing at this moment included), with the admin named as the reason.
 */
export async function revokeSessions(id: string): Promise<MemberRefusal | null> {
  const now = prismaDate(new Date());
  const [result] = await sql().batch(
    [
      {
        sql: `UPDATE "User" SET "sessionsValidAfter" = :now, "updatedAt" = :now WHERE "id" = :id`,
        args: { id, now },
      },
      { sql: END_SESSIONS, args: { id, now } },
    ],
    "write",
  );
  return result.rowsAffected === 1 ? null : "notFound";
}
