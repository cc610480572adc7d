import "server-only";
import { z } from "zod";
import { emailSchema } from "../auth/credentials";
import { isLinkToken, newLinkToken } from "../crypto/link-token";
import { roleSchema } from "../shared/roles";
import { INVITE_VALIDITY_DAYS } from "../shared/team-policy";
import { hashInviteToken } from "./invite-token";
import { findInviteByTokenHash, findRecentInvites, insertInvite, revokeUnusedInvite } from "./queries/invites";

// Invite links: an admin makes one (optionally for one email address, with the role the new
// account gets, valid for a few days); the invitee opens it and signs up, with a password or a
// sign-in provider. A link works once (lib/team/registration consumes it with the new account).

export const inviteInputSchema = z.object({
  email: z.union([z.literal("").transform(() => null), emailSchema]),
  role: roleSchema,
  days: z.coerce
    .number()
    .int()
    .refine((d) => (INVITE_VALIDITY_DAYS as readonly number[]).includes(d)),
});
export type InviteInput = z.infer<typeof inviteInputSchema>;

export async function createInvite(input: InviteInput, createdById: string, now = new Date()) {
  const token = newLinkToken();
  const invite = await insertInvite({
    tokenHash: hashInviteToken(token),
    email: input.email,
    role: input.role,
    expiresAt: new Date(now.getTime() + input.days * 86_400_000),
    createdById,
  });
  return { token, invite };
}

export type InviteState = "pending" | "used" | "expired" | "revoked";

export function inviteState(
  invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InviteState {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt <= now ? "expired" : "pending";
}

/** The invites of the last 30 days and every pending one, newest first, with who used them. */
export async function listInvites(now = new Date()) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await findRecentInvites(since, now);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: roleSchema.catch("member").parse(r.role),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    state: inviteState(r, now),
    createdBy: r.createdByEmail,
    usedBy: r.usedByEmail,
  }));
}

/** Whether a revocation happened (an invite used or revoked already cannot be). */
export async function revokeInvite(id: string, now = new Date()): Promise<boolean> {
  return revokeUnusedInvite(id, now);
}

/** What the invite page may show about a token: only whether it can still be used, and for whom. */
export async function openInvite(
  token: string,
  now = new Date(),
): Promise<{ state: InviteState; email: string | null; role: "admin" | "member" } | null> {
  if (!isLinkToken(token)) return null;
  const invite = await findInviteByTokenHash(hashInviteToken(token));
  if (!invite) return null;
  return { state: inviteState(invite, now), email: invite.email, role: invite.role === "admin" ? "admin" : "member" };
}
