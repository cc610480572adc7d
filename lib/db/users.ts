import "server-only";
import { registerUser } from "../team/registration";
import { db } from "./client";

export async function findUserByEmail(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
}

/**
 * Creates a user with a password, as sign-up does without an invite: the first account of the
 * deployment becomes the team admin (lib/team/registration); throws RegistrationRefused when
 * sign-up is closed.
 */
export async function createUser(input: { email: string; name: string | null; passwordHash: string }) {
  return registerUser(input);
}
