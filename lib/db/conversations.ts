import "server-only";
import { cache } from "react";
import { headAfterDeleting, subtreeOf } from "../chat/branches";
import type { ConversationUpdate } from "../chat/conversation-update";
import { db, sql } from "./client";

// Every query here takes the user id and only ever returns that user's rows: ownership is part
// of the query, not a check a caller might forget.

export async function listConversations(userId: string, take = 100) {
  return db.conversation.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, title: true, model: true, updatedAt: true, pinnedAt: true },
  });
}

/**
 * The user's conversations whose title or the text of any message contains `query`
 * (case-insensitive for Latin letters, exact for other scripts), newest first. Only text parts
 * are searched, not thinking, tool results or the JSON around them; `%` and `_` are literal.
 */
export async function searchConversations(userId: string, query: string, take = 50) {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await sql().execute({
    sql: `SELECT "id", "title", "model", "updatedAt", "pinnedAt" FROM "Conversation" AS c
          WHERE c."userId" = ? AND (c."title" LIKE ? ESCAPE '\\' OR EXISTS (
            SELECT 1 FROM "Message" AS m, json_each(m."parts") AS p
            WHERE m."conversationId" = c."id" AND json_extract(p."value", '$.type') = 'text'
              AND json_extract(p."value", '$.text') LIKE ? ESCAPE '\\'))
          ORDER BY c."updatedAt" DESC LIMIT ?`,
    args: [userId, pattern, pattern, take],
  });
  return result.rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    model: String(r.model),
    updatedAt: new Date(String(r.updatedAt)),
    pinnedAt: r.pinnedAt == null ? null : new Date(String(r.pinnedAt)),
  }));
}

/**
 * A conversation with its messages and their usage, or null if it is not this user's.
 * Cached per request, so a page and its metadata share one query.
 */
export const getConversation = cache(async (userId: string, id: string) => {
  return db.conversation.findFirst({
    where: { id, userId },
    include: {
      messages: {
        orderBy: { createdAt: "asc" },
        include: { usage: { orderBy: { createdAt: "asc" } } },
      },
    },
  });
});

export type ConversationWithMessages = NonNullable<Awaited<ReturnType<typeof getConversation>>>;
export type MessageRow = ConversationWithMessages["messages"][number];

/**
 * Changes what the user may change; false if the conversation is not theirs, or the head is not
 * one of its messages.
 */
export async function updateConversation(userId: string, id: string, update: ConversationUpdate): Promise<boolean> {
  const current = await db.conversation.findFirst({ where: { id, userId }, select: { updatedAt: true } });
  if (!current) return false;
  if (update.headId !== undefined) {
    const head = await db.message.findFirst({ where: { id: update.headId, conversationId: id }, select: { id: true } });
    if (!head) return false;
  }
  const { count } = await db.conversation.updateMany({
    where: { id, userId },
    data: {
      ...(update.headId !== undefined ? { headId: update.headId } : {}),
      ...(update.title !== undefined ? { title: update.title } : {}),
      ...(update.pinned !== undefined ? { pinnedAt: update.pinned ? new Date() : null } : {}),
      // Renaming, pinning or switching versions does not move the conversation in the list.
      updatedAt: current.updatedAt,
    },
  });
  return count > 0;
}

export async function deleteConversation(userId: string, id: string): Promise<boolean> {
  const { count } = await db.conversation.deleteMany({ where: { id, userId } });
  return count > 0;
}

/**
 * Deletes a message of the user's conversation with everything that follows it (lib/chat/
 * branches); the shown branch moves only if it went. Usage rows stay (the tokens were spent).
 * Null if the conversation or the message is not the user's.
 */
export async function deleteMessage(
  userId: string,
  conversationId: string,
  messageId: string,
): Promise<{ headId: string | null } | null> {
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, userId },
    select: {
      headId: true,
      updatedAt: true,
      messages: { select: { id: true, parentId: true, role: true, createdAt: true } },
    },
  });
  if (!conversation?.messages.some((m) => m.id === messageId)) return null;
  const nodes = conversation.messages.map((m) => ({ ...m, createdAt: m.createdAt.getTime() }));
  const removed = [...subtreeOf(nodes, messageId)];
  const headId = headAfterDeleting(nodes, messageId, conversation.headId);
  await db.$transaction([
    db.message.deleteMany({ where: { conversationId, id: { in: removed } } }),
    // Deleting does not move the conversation in the list.
    db.conversation.update({ where: { id: conversationId }, data: { headId, updatedAt: conversation.updatedAt } }),
  ]);
  return { headId };
}
