import "server-only";
import { estimateMessage } from "../chat/context/fit";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { ShareOptions } from "./share-schema";

// Share links' rows (lib/share/shares), the copy of a shared conversation, and the rewrite of
// tokens stored before they were hashed (lib/share/legacy-tokens). A row holds the token's hash
// only (lib/share/share-token). Every owner-side query names the owner.

const rowSelect = {
  id: true,
  mode: true,
  showThinking: true,
  showTools: true,
  showUsage: true,
  createdAt: true,
} as const;

/** Whether the account exists and when it was disabled, if it was. */
export async function findSharer(userId: string): Promise<{ disabledAt: Date | null } | null> {
  return db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
}

export async function insertShare(share: {
  tokenHash: string;
  conversationId: string;
  userId: string;
  options: ShareOptions;
  /** What a snapshot link shows, kept with it (JSON); none for a live link. */
  snapshot: object | undefined;
}) {
  const { options, snapshot, ...row } = share;
  return db.share.create({
    data: { ...row, ...options, snapshot: snapshot as Prisma.InputJsonValue | undefined },
    select: rowSelect,
  });
}

/** The owner's links to their conversation that still work, newest first. */
export async function findLiveShares(userId: string, conversationId: string) {
  return db.share.findMany({
    where: { userId, conversationId, revokedAt: null, conversation: { userId } },
    orderBy: { createdAt: "desc" },
    select: rowSelect,
  });
}

/** Whether the owner's link was revoked now (false: not theirs, or revoked already). */
export async function revokeShareRow(userId: string, conversationId: string, shareId: string, now: Date) {
  const { count } = await db.share.updateMany({
    where: { id: shareId, userId, conversationId, revokedAt: null },
    // A revoked link shows nothing: its copy of the conversation goes (and stops counting as stored data).
    data: { revokedAt: now, snapshot: Prisma.DbNull },
  });
  return count > 0;
}

/** The link a token's hash stands for, with what its conversation says about the sharer. */
export async function findShareByTokenHash(tokenHash: string) {
  return db.share.findUnique({
    where: { tokenHash },
    include: {
      conversation: {
        select: { userId: true, title: true, model: true, platform: true, user: { select: { disabledAt: true } } },
      },
    },
  });
}

export interface CopiedMessageRow {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: string;
  parts: unknown[];
  status: string;
  model: string | null;
  createdAt: Date;
}

/** A new conversation with its messages, in one transaction. */
export async function insertConversationCopy(
  conversation: { id: string; userId: string; title: string; model: string; platform: string; headId: string | null },
  messages: CopiedMessageRow[],
): Promise<void> {
  await db.$transaction([
    db.conversation.create({ data: conversation }),
    db.message.createMany({
      // With their estimates, as every writer of a message's parts (lib/chat/context/fit.ts).
      data: messages.map((m) => ({
        ...m,
        parts: m.parts as unknown as Prisma.InputJsonValue,
        ...estimateMessage(m.parts),
      })),
    }),
  ]);
}

/** Tokens stored before share tokens were hashed. */
export async function findLegacyShareTokens(): Promise<string[]> {
  // Hashes are 64 hex characters; anything else is a token from before.
  const rows = await db.$queryRaw<{ token: string }[]>`SELECT "token" FROM "Share" WHERE length("token") <> 64`;
  return rows.map((r) => r.token);
}

/**
 * Each row that still holds `token` gets `hash` instead, in one transaction (one commit, not one
 * per row); how many rows changed.
 */
export async function replaceShareTokens(pairs: { token: string; hash: string }[]): Promise<number> {
  const results = await db.$transaction(
    pairs.map(({ token, hash }) => db.share.updateMany({ where: { tokenHash: token }, data: { tokenHash: hash } })),
  );
  return results.reduce((sum, r) => sum + r.count, 0);
}
