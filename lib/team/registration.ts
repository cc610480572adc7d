import "server-only";
import type { Role } from "../auth/roles";
import { isLinkToken } from "../crypto/link-token";
import { db } from "../db/client";
import { hashInviteToken } from "./invite-token";
import { policyOf } from "./team-policy";

// Who may create an account: the first one of a deployment only with the set-up link (it
// becomes the admin: lib/team/setup-token), then anyone while sign-up is open, and otherwise only
// the holder of a valid invite link (for its email address, if it names one). The invite is used
// up in the same transaction that creates the account: one link, one account, even when two
// people race. checkRegistration judges the same rules with plain reads, before a password is
// hashed; the transaction judges them again.

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
  await admission(db, input, now);
  const taken = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw new RegistrationRefused("emailTaken");
}

export async function registerUser(input: NewAccount, now = new Date()) {
  try {
    return await db.$transaction(async (tx) => {
      const { role, inviteId } = await admission(tx, input, now);
      if (inviteId) {
        // Conditional, so that of two sign-ups with one link only one gets it.
        const claimed = await tx.invite.updateMany({
          where: { id: inviteId, usedAt: null, revokedAt: null },
          data: { usedAt: now },
        });
        if (claimed.count !== 1) throw new RegistrationRefused("inviteInvalid");
      }
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash: input.passwordHash,
          role,
          // Only a provider that vouched for the address proves it (password sign-up sends no mail).
          emailVerified: input.emailVerified ? now : null,
          ...(input.providerAccount && { accounts: { create: input.providerAccount } }),
        },
        select: { id: true, email: true, name: true, role: true },
      });
      if (inviteId) await tx.invite.update({ where: { id: inviteId }, data: { usedById: user.id } });
      return user;
    });
  } catch (error) {
    // The unique index decides between two sign-ups with one email (and rolls the invite back).
    if ((error as { code?: unknown }).code === "P2002") throw new RegistrationRefused("emailTaken");
    throw error;
  }
}

/** The role the new account gets and the invite it uses, or RegistrationRefused. */
async function admission(r: Reader, input: Admission, now: Date): Promise<{ role: Role; inviteId: string | null }> {
  const [anyone, settings] = await Promise.all([
    r.user.findFirst({ select: { id: true } }),
    r.teamSettings.findUnique({ where: { id: "team" } }),
  ]);
  if (!anyone) {
    if (!input.setup) throw new RegistrationRefused("setupRequired");
    return { role: "admin", inviteId: null };
  }
  const open = policyOf(settings).signUp === "open";
  // The set-up link, once the team has an account, is no invite: sign-up as anyone's.
  if (input.inviteToken && !input.setup) {
    const invite = await usableInvite(r, input.inviteToken, input.email, now);
    if (typeof invite !== "string") return { role: invite.role === "admin" ? "admin" : "member", inviteId: invite.id };
    // A dead link does not stop someone who could sign up without one (e.g. a stale link
    // carried through a provider's sign-in while sign-up is open).
    if (!open) throw new RegistrationRefused(invite);
  }
  if (!open) throw new RegistrationRefused("closed");
  return { role: "member", inviteId: null };
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
/** The client or a transaction: what the rules read. */
type Reader = Pick<Tx, "user" | "teamSettings" | "invite">;

/**
 * The invite a token stands for, if it can still be used for this address: not used, withdrawn
 * or expired, and made by someone who is still an active admin (a demoted or disabled admin's
 * links die with their rights).
 */
async function usableInvite(tx: Reader, token: string, email: string, now: Date) {
  if (!isLinkToken(token)) return "inviteInvalid" as const;
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashInviteToken(token) } });
  if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) return "inviteInvalid" as const;
  const creator = await tx.user.findUnique({
    where: { id: invite.createdById },
    select: { role: true, disabledAt: true },
  });
  if (creator?.role !== "admin" || creator.disabledAt) return "inviteInvalid" as const;
  if (invite.email && invite.email !== email) return "inviteEmail" as const;
  return invite;
}
