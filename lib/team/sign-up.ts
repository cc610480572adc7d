import "server-only";
import { hashPassword } from "../auth/password";
import { admitSignUp } from "../auth/throttle";
import { checkRegistration, registerUser } from "./registration";
import { isSetupToken } from "./setup-token";

// A password sign-up, in the order that keeps it cheap to refuse: the team's rules first (plain
// reads: sign-up closed, a dead invite, the address taken), then the sign-up throttle (one
// write), and only then the password's hash (a quarter second of CPU), which nobody can make the
// server compute without being allowed to sign up. registerUser judges the rules again in its
// transaction, against a race.

/** Too many sign-ups from this address, for this email, or for the team, within the window. */
export class SignUpThrottled extends Error {
  constructor() {
    super("sign-up refused: too many attempts");
  }
}

export interface PasswordSignUp {
  email: string;
  name: string | null;
  password: string;
  /** The token of the link the person came with: an invite, or the set-up link. */
  linkToken: string | null;
  /** The client's address, when a trusted proxy reports it (lib/auth/throttle clientAddress). */
  address: string | null;
}

/** The new account; throws RegistrationRefused or SignUpThrottled before hashing anything. */
export async function signUpWithPassword(input: PasswordSignUp, now = new Date()) {
  const admission = { email: input.email, inviteToken: input.linkToken, setup: isSetupToken(input.linkToken) };
  await checkRegistration(admission, now);
  if (!(await admitSignUp(input.email, input.address, now))) throw new SignUpThrottled();
  return registerUser({ ...admission, name: input.name, passwordHash: await hashPassword(input.password) }, now);
}
