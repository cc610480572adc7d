import "server-only";
import type { Role } from "../auth/roles";
import { isLinkToken } from "../crypto/link-token";
import { db } from "../db/client";
import { hashInviteToken } from "./invite-token";
import { policyOf } from "./team-policy";

// Who may create an account: the first one of a deployment (it becomes the admin, so that a new
// install needs no set-up), anyone while sign-up is open, and otherwise only the holder of a
// valid invite link (for its email address, if it names one). The invite is used up in the same
// transaction that creates the account: one link, one account, even when two people race.

export type RegistrationRefusal = "closed" | "inviteInvalid" | "inviteEmail" | "emailTaken";

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
  /** A provider's account to link (GitHub, Google, OIDC). */
  providerAccount?: { provider: string; providerAccountId: string; type: string };
  /** The provider vouched for the address (lib/auth/provider-config emailVerifiedBy). */
  emailVerified?: boolean;
}

export async function registerUser(input: NewAccount, now = new Date()) {
  try {
    return await db.$transaction(async (tx) => {
      const [users, settings] = await Promise.all([
        tx.user.count(),
        tx.teamSettings.findUnique({ where: { id: "team" } }),
      ]);
      const open = policyOf(settings).signUp === "open";
      let role: Role = users === 0 ? "admin" : "member";
      let inviteId: string | null = null;
      if (users > 0 && input.inviteToken) {
        const invite = await usableInvite(tx, input.inviteToken, input.email, now);
        if (typeof invite === "string") {
          // A dead link does not stop someone who could sign up without one (e.g. a stale link
          // carried through a provider's sign-in while sign-up is open).
          if (!open) throw new RegistrationRefused(invite);
        } else {
          // Conditional, so that of two sign-ups with one link only one gets it.
          const claimed = await tx.invite.updateMany({
            where: { id: invite.id, usedAt: null, revokedAt: null },
            data: { usedAt: now },
          });
          if (claimed.count !== 1) throw new RegistrationRefused("inviteInvalid");
          role = invite.role === "admin" ? "admin" : "member";
          inviteId = invite.id;
        }
      } else if (users > 0 && !open) {
        throw new RegistrationRefused("closed");
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

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * The invite a token stands for, if it can still be used for this address: not used, withdrawn
 * or expired, and made by someone who is still an active admin (a demoted or disabled admin's
 * links die with their rights).
 */
async function usableInvite(tx: Tx, token: string, email: string, now: Date) {
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
