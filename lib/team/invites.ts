import "server-only";
import { z } from "zod";
import { emailSchema } from "../auth/credentials";
import { roleSchema } from "../auth/roles";
import { isLinkToken, newLinkToken } from "../crypto/link-token";
import { db } from "../db/client";
import { INVITE_VALIDITY_DAYS } from "./invite-options";
import { hashInviteToken } from "./invite-token";

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
  const invite = await db.invite.create({
    data: {
      tokenHash: hashInviteToken(token),
      email: input.email,
      role: input.role,
      expiresAt: new Date(now.getTime() + input.days * 86_400_000),
      createdById,
    },
    select: { id: true, email: true, role: true, expiresAt: true },
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
  const rows = await db.invite.findMany({
    where: { OR: [{ createdAt: { gte: since } }, { usedAt: null, revokedAt: null, expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const userIds = [...new Set(rows.flatMap((r) => (r.usedById ? [r.createdById, r.usedById] : [r.createdById])))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: roleSchema.catch("member").parse(r.role),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    state: inviteState(r, now),
    createdBy: emailOf.get(r.createdById) ?? null,
    usedBy: r.usedById ? (emailOf.get(r.usedById) ?? null) : null,
  }));
}

/** Whether a revocation happened (an invite used or revoked already cannot be). */
export async function revokeInvite(id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.invite.updateMany({
    where: { id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** What the invite page may show about a token: only whether it can still be used, and for whom. */
export async function openInvite(
  token: string,
  now = new Date(),
): Promise<{ state: InviteState; email: string | null; role: "admin" | "member" } | null> {
  if (!isLinkToken(token)) return null;
  const invite = await db.invite.findUnique({ where: { tokenHash: hashInviteToken(token) } });
  if (!invite) return null;
  return { state: inviteState(invite, now), email: invite.email, role: invite.role === "admin" ? "admin" : "member" };
}
