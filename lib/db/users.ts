import "server-only";
import { db } from "./client";

export async function findUserByEmail(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}

/**
 * Creates a user with a password, outside the team's sign-up rules (which lib/team/registration
 * applies to people signing up): for tests and set-up. The deployment's first account is its
 * admin, as when made with the set-up link.
 */
export async function createUser(input: { email: string; name: string | null; passwordHash: string }) {
  return db.$transaction(async (tx) => {
    const anyone = await tx.user.findFirst({ select: { id: true } });
    return tx.user.create({
      data: { ...input, role: anyone ? "member" : "admin" },
      select: { id: true, email: true, name: true, role: true },
    });
  });
}
