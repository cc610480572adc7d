import { db } from "../lib/db/client";

/**
 * Creates a user with a password, outside the team's sign-up rules (which lib/team/registration
 * applies to people signing up): test set-up. The deployment's first account is its admin, as
 * when made with the set-up link. Import it after pointing DATABASE_URL at the test's database
 * (lib/db/client reads it when first imported).
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
