import "server-only";
import { db } from "./client";

export async function findUserByEmail(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}

/**
 * Creates a user; the first account of the deployment becomes the team admin. Runs in one
 * transaction so that two simultaneous first sign-ups cannot both become admin.
 */
export async function createUser(input: { email: string; name: string | null; passwordHash: string }) {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.count();
    return tx.user.create({
      data: { ...input, role: existing === 0 ? "admin" : "member" },
      select: { id: true, email: true, name: true, role: true },
    });
  });
}
