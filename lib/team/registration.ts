import "server-only";
import { isLinkToken } from "../crypto/link-token";
import type { Role } from "../shared/roles";
import { policyOf } from "../shared/team-policy";
import { hashInviteToken } from "./invite-token";
import { type AdmissionFacts, emailTaken, findAdmissionFacts, insertAccount } from "./queries/accounts";

// Who may create an account: the first one of a deployment only with the set-up link (it
// becomes the admin: lib/team/setup-token), then anyone while sign-up is open, and otherwise only
// the holder of a valid invite link (for its email address, if it names one). The invite is used
// up in the same transaction that creates the account: one link, one account, even when two
// people race (./queries/accounts insertAccount). checkRegistration judges the same rules with
// plain reads, before a password is hashed; the transaction judges them again.

export type RegistrationRefusal = "closed" | "inviteInvalid" | "inviteEmail" | "emailTaken" | "setupRequired";

export class RegistrationRefused extends Error {
  constructor(readonly reason: RegistrationRefusal) {
    super(`sign-up refused: ${reason}`);
  }
}

export interface NewAccount {
  email: string;
  name: string | null;
  /** Null for an account that signs in only through a provider. */
  passwordHash: string | null;
  /** The token of the invite link the person came with, if any. */
  inviteToken?: string | null;
  /**
   * The person came with the set-up link (checked by the caller: isSetupToken): while the team
   * has no account, this one is made, as its admin.
   */
  setup?: boolean;
  /** A provider's account to link (GitHub, Google, OIDC). */
  providerAccount?: { provider: string; providerAccountId: string; type: string };
  /** The provider vouched for the address (lib/auth/provider-config emailVerifiedBy). */
  emailVerified?: boolean;
}

type Admission = Pick<NewAccount, "email" | "inviteToken" | "setup">;

/**
 * Whether the account may be made, from the rows as they are now, without writing or hashing
 * anything: throws RegistrationRefused as registerUser would. Whether the address is taken is
 * said only to someone who may sign up (as the transaction would), so that nobody learns who
 * has an account while sign-up is closed.
 */
export async function checkRegistration(input: Admission, now = new Date()): Promise<void> {
  admission(await findAdmissionFacts(inviteHashOf(input)), input, now);
  if (await emailTaken(input.email)) throw new RegistrationRefused("emailTaken");
}

export async function registerUser(input: NewAccount, now = new Date()) {
  const result = await insertAccount(
    {
      email: input.email,
      name: input.name,
      passwordHash: input.passwordHash,
      // Only a provider that vouched for the address proves it (password sign-up sends no mail).
      emailVerified: input.emailVerified ? now : null,
      providerAccount: input.providerAccount,
    },
    inviteHashOf(input),
    (facts) => admission(facts, input, now),
    now,
  );
  if (!result.ok) throw new RegistrationRefused(result.reason);
  return result.user;
}

/** The hash of the invite token the rules look up: none for the set-up link or what is no link token. */
function inviteHashOf(input: Admission): string | null {
  const token = input.inviteToken;
  return token && !input.setup && isLinkToken(token) ? hashInviteToken(token) : null;
}

/** The role the new account gets and the invite it uses, or RegistrationRefused. */
function admission(facts: AdmissionFacts, input: Admission, now: Date): { role: Role; inviteId: string | null } {
  if (!facts.anyone) {
    if (!input.setup) throw new RegistrationRefused("setupRequired");
    return { role: "admin", inviteId: null };
  }
  const open = policyOf(facts.settings).signUp === "open";
  // The set-up link, once the team has an account, is no invite: sign-up as anyone's.
  if (input.inviteToken && !input.setup) {
    const invite = usableInvite(facts.invite, input.inviteToken, input.email, now);
    if (typeof invite !== "string") return { role: invite.role === "admin" ? "admin" : "member", inviteId: invite.id };
    // A dead link does not stop someone who could sign up without one (e.g. a stale link
    // carried through a provider's sign-in while sign-up is open).
    if (!open) throw new RegistrationRefused(invite);
  }
  if (!open) throw new RegistrationRefused("closed");
  return { role: "member", inviteId: null };
}

/**
 * The invite a token stands for, if it can still be used for this address: not used, withdrawn
 * or expired, and made by someone who is still an active admin (a demoted or disabled admin's
 * links die with their rights).
 */
function usableInvite(invite: AdmissionFacts["invite"], token: string, email: string, now: Date) {
  if (!isLinkToken(token)) return "inviteInvalid" as const;
  if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) return "inviteInvalid" as const;
  const { creator } = invite;
  if (creator?.role !== "admin" || creator.disabledAt) return "inviteInvalid" as const;
  if (invite.email && invite.email !== email) return "inviteEmail" as const;
  return invite;
}
