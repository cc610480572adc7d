import "server-only";
import { db } from "../../db/client";

// Invite links' rows (lib/team/invites). A row holds the token's hash only (lib/team/invite-token).

export async function insertInvite(invite: {
  tokenHash: string;
  email: string | null;
  role: string;
  expiresAt: Date;
  createdById: string;
}) {
  return db.invite.create({ data: invite, select: { id: true, email: true, role: true, expiresAt: true } });
}

/**
 * The invites made since `since` and every one still pending at `now`, newest first (at most
 * 200), each with the addresses of who made and who used it.
 */
export async function findRecentInvites(since: Date, now: Date) {
  const rows = await db.invite.findMany({
    where: { OR: [{ createdAt: { gte: since } }, { usedAt: null, revokedAt: null, expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const userIds = [...new Set(rows.flatMap((r) => (r.usedById ? [r.createdById, r.usedById] : [r.createdById])))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    ...r,
    createdByEmail: emailOf.get(r.createdById) ?? null,
    usedByEmail: r.usedById ? (emailOf.get(r.usedById) ?? null) : null,
  }));
}

/** Whether the invite was withdrawn now (one used or withdrawn already is not). */
export async function revokeUnusedInvite(id: string, now: Date): Promise<boolean> {
  const { count } = await db.invite.updateMany({
    where: { id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count === 1;
}

export async function findInviteByTokenHash(tokenHash: string) {
  return db.invite.findUnique({ where: { tokenHash } });
}
