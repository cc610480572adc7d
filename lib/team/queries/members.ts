import "server-only";
import { db, sql } from "../../db/client";
import { prismaDate } from "../../db/dates";

// The team's members as an admin changes them (lib/team/members). The team always keeps an active
// admin: a change that would remove the last one is refused by the statement that makes it (two
// admins demoting each other at once cannot both win), and changes nothing.

export async function findMembers() {
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      lastSignInAt: true,
      apiAccessOff: true,
      passwordHash: true,
      accounts: { select: { provider: true } },
    },
  });
}

export async function userExists(id: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { id }, select: { id: true } })) !== null;
}

/** Another active admin than `userId` exists (as a SQL condition on the same statement). */
const OTHER_ADMIN = `EXISTS (SELECT 1 FROM "User" WHERE "role" = 'admin' AND "disabledAt" IS NULL AND "id" != :id)`;

/** Whether the role changed: not when the person is gone, or is the last active admin losing it. */
export async function updateRole(id: string, role: string, now: Date): Promise<boolean> {
  const result = await sql().execute({
    sql: `UPDATE "User" SET "role" = :role, "updatedAt" = :now WHERE "id" = :id AND (:role = 'admin' OR ${OTHER_ADMIN})`,
    args: { id, role, now: prismaDate(now) },
  });
  return result.rowsAffected === 1;
}

/** Whether the account was enabled again (false: it does not exist). */
export async function enableUser(id: string, now: Date): Promise<boolean> {
  const result = await sql().execute({
    sql: `UPDATE "User" SET "disabledAt" = NULL, "updatedAt" = :now WHERE "id" = :id`,
    args: { id, now: prismaDate(now) },
  });
  return result.rowsAffected === 1;
}

/** The person's sessions (lib/auth/sessions) deleted, if the change of this moment was made. */
const END_SESSIONS = `DELETE FROM "Session" WHERE "userId" = :id
  AND EXISTS (SELECT 1 FROM "User" WHERE "id" = :id AND "sessionsValidAfter" = :now)`;

/**
 * Disables the account and ends its sessions, in one write; whether it was done (not when the
 * person is gone, or is the last active admin).
 */
export async function disableUser(id: string, now: Date): Promise<boolean> {
  const at = prismaDate(now);
  const [disabling] = await sql().batch(
    [
      {
        sql: `UPDATE "User" SET "disabledAt" = :now, "sessionsValidAfter" = :now, "updatedAt" = :now
          WHERE "id" = :id AND ("role" != 'admin' OR ${OTHER_ADMIN})`,
        args: { id, now: at },
      },
      { sql: END_SESSIONS, args: { id, now: at } },
    ],
    "write",
  );
  return disabling.rowsAffected === 1;
}

/**
 * The person's sessions end, and any that began before `now` is refused (lib/auth/standing), in
 * one write; false when the person does not exist.
 */
export async function revokeSessionsOf(id: string, now: Date): Promise<boolean> {
  const at = prismaDate(now);
  const [result] = await sql().batch(
    [
      {
        sql: `UPDATE "User" SET "sessionsValidAfter" = :now, "updatedAt" = :now WHERE "id" = :id`,
        args: { id, now: at },
      },
      { sql: END_SESSIONS, args: { id, now: at } },
    ],
    "write",
  );
  return result.rowsAffected === 1;
}
