import "server-only";
import type { Role } from "../auth/roles";
import { db } from "../db/client";
import { hashInviteToken, looksLikeInviteToken } from "./invite-token";
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
}

export async function registerUser(input: NewAccount, now = new Date()) {
  try {
    return await db.$transaction(async (tx) => {
      const [users, settings] = await Promise.all([
        tx.user.count(),
        tx.teamSettings.findUnique({ where: { id: "team" } }),
      ]);
      let role: Role = users === 0 ? "admin" : "member";
      let inviteId: string | null = null;
      if (users > 0 && input.inviteToken) {
        if (!looksLikeInviteToken(input.inviteToken)) throw new RegistrationRefused("inviteInvalid");
        const invite = await tx.invite.findUnique({ where: { tokenHash: hashInviteToken(input.inviteToken) } });
        if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) {
          throw new RegistrationRefused("inviteInvalid");
        }
        if (invite.email && invite.email !== input.email) throw new RegistrationRefused("inviteEmail");
        // Conditional, so that of two sign-ups with one link only one gets it.
        const claimed = await tx.invite.updateMany({
          where: { id: invite.id, usedAt: null, revokedAt: null },
          data: { usedAt: now },
        });
        if (claimed.count !== 1) throw new RegistrationRefused("inviteInvalid");
        role = invite.role === "admin" ? "admin" : "member";
        inviteId = invite.id;
      } else if (users > 0 && policyOf(settings).signUp === "invite") {
        throw new RegistrationRefused("closed");
      }
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash: input.passwordHash,
          role,
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
