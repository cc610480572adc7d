import "server-only";
import type { InStatement } from "@libsql/client";
import { cache } from "react";
import { db, sql } from "../../db/client";
import { headAfterDeleting, subtreeOf } from "../../shared/chat/branches";
import { type ConversationList, LIST_PAGE, PINNED_MAX } from "../../shared/chat/conversation-list";
import { searchTerms } from "../../storage/search-terms";
import type { ConversationUpdate } from "../conversation-update";

// Every query here takes the user id and only ever returns that user's rows: ownership is part
// of the query, not a check a caller might forget.

// "generating" reads the partial index Message_streaming_idx: one lookup per listed conversation
// in an index that holds only the answers being written.
const COLUMNS = `c."id", c."title", c."model", c."updatedAt", c."pinnedAt", c."unseenAt",
  EXISTS (SELECT 1 FROM "Message" AS g WHERE g."conversationId" = c."id" AND g."status" = 'streaming') AS "generating"`;

/**
 * The user's conversations for the sidebar: every pinned one (up to PINNED_MAX), then the `limit`
 * newest others, each with whether an answer is being written in it (lib/generation) and when an
 * answer settled there while nobody watched (the sidebar's marks). `more`: older ones exist.
 */
export async function listConversations(
  userId: string,
  limit = LIST_PAGE,
): Promise<ConversationList<ConversationListRow>> {
  const result = await sql().execute(listStatement(userId, limit));
  const rows = result.rows.map(listRow);
  const pinned = rows.filter((r) => r.pinnedAt);
  const rest = rows.filter((r) => !r.pinnedAt);
  return { conversations: [...pinned, ...rest.slice(0, limit)], more: rest.length > limit };
}

/**
 * The list's query (its plan is tested): the pinned through their partial index, the others
 * walking the user's (userId, updatedAt) index newest first, one more than asked for (`more`).
 */
export function listStatement(userId: string, limit: number): { sql: string; args: [string, string, number] } {
  return {
    sql: `SELECT * FROM (SELECT ${COLUMNS} FROM "Conversation" AS c
        WHERE c."userId" = ? AND c."pinnedAt" IS NOT NULL ORDER BY c."updatedAt" DESC LIMIT ${PINNED_MAX})
      UNION ALL
      SELECT * FROM (SELECT ${COLUMNS} FROM "Conversation" AS c
        WHERE c."userId" = ? AND c."pinnedAt" IS NULL ORDER BY c."updatedAt" DESC LIMIT ?)`,
    args: [userId, userId, limit + 1],
  };
}

export interface ConversationListRow {
  id: string;
  title: string;
  model: string;
  updatedAt: Date;
  pinnedAt: Date | null;
  /** An answer settled here while nobody watched it; cleared when the conversation is opened. */
  unseenAt: Date | null;
  /** An answer is being written here now. */
  generating: boolean;
  /** Of a search result: its newest message that matched, to open the conversation at. */
  hit?: string | null;
}

function listRow(r: Record<string, unknown>): ConversationListRow {
  const date = (value: unknown) => (value == null ? null : new Date(String(value)));
  return {
    id: String(r.id),
    title: String(r.title),
    model: String(r.model),
    updatedAt: new Date(String(r.updatedAt)),
    pinnedAt: date(r.pinnedAt),
    unseenAt: date(r.unseenAt),
    generating: Number(r.generating) === 1,
  };
}

/** The user opened the conversation: the answers it has are seen (nothing is written when they were). */
export async function markSeen(userId: string, id: string): Promise<void> {
  // Raw SQL: Prisma would move updatedAt, and with it the conversation in the list.
  await sql().execute({
    sql: `UPDATE "Conversation" SET "unseenAt" = NULL WHERE "id" = ? AND "userId" = ? AND "unseenAt" IS NOT NULL`,
    args: [id, userId],
  });
}

/** A search result's newest matching message (null: only its title matched), to open it at. */
const HIT = `(SELECT h."messageId" FROM "hits" AS h
  WHERE h."conversationId" = c."id" AND h."messageId" IS NOT NULL ORDER BY h."id" DESC LIMIT 1) AS "hit"`;

/** A search reads at most this many of the user's newest matching messages and titles. */
export const SEARCH_HITS = 2_000;
/** A search of one or two characters reads at most this much of the user's newest text. */
export const SCAN_BYTES = 4_000_000;

// The user's key (StorageTotal), which numbers their SearchText rows from key << 32 (migration
// 20261202130000_storage_quotas_and_search).
const KEY = 'SELECT "key" FROM "StorageTotal" WHERE "userId" = :userId';

/**
 * The user's conversations whose title or the text of any message contains `query`, newest
 * first: case-insensitive for Latin letters, exact for other scripts. Only text parts are
 * searched, not thinking, tool calls and results, or the JSON around them; nothing the user types
 * is query syntax. Three characters or more: the trigram index (SearchIndex), over the user's
 * SEARCH_HITS newest matches. One or two (a Chinese word is often two): every title, and the
 * text of the user's newest messages up to SCAN_BYTES, because the index cannot find them.
 */
export async function searchConversations(userId: string, query: string, take = 50): Promise<ConversationListRow[]> {
  const terms = searchTerms(query);
  if (!terms) return (await listConversations(userId, take)).conversations;
  const statement: InStatement =
    terms.kind === "index"
      ? {
          sql: `WITH "k" AS (${KEY}),
              "hits" AS (SELECT s."id", s."conversationId", s."messageId" FROM "SearchText" AS s WHERE s."id" IN (
                SELECT "rowid" FROM "SearchIndex"
                WHERE "SearchIndex" MATCH :match
                  AND "rowid" BETWEEN (SELECT "key" << 32 FROM "k") AND (SELECT ("key" << 32) + 4294967295 FROM "k")
                ORDER BY "rowid" DESC LIMIT :hits))
            SELECT ${COLUMNS}, ${HIT} FROM "Conversation" AS c
            WHERE c."userId" = :userId AND c."id" IN (SELECT "conversationId" FROM "hits")
            ORDER BY c."updatedAt" DESC LIMIT :take`,
          args: { userId, match: terms.match, hits: SEARCH_HITS, take },
        }
      : {
          // From the user's first row whose upTo is within SCAN_BYTES of their newest (one seek).
          sql: `WITH "k" AS (${KEY}),
              "newest" AS (SELECT n."upTo" FROM "SearchText" AS n WHERE n."userKey" = (SELECT "key" FROM "k") ORDER BY n."upTo" DESC LIMIT 1),
              "first" AS (SELECT f."id" FROM "SearchText" AS f
                WHERE f."userKey" = (SELECT "key" FROM "k") AND f."upTo" > (SELECT "upTo" FROM "newest") - :budget
                ORDER BY f."upTo" LIMIT 1),
              "hits" AS (SELECT s."id", s."conversationId", s."messageId" FROM "SearchText" AS s
                WHERE s."id" BETWEEN (SELECT "id" FROM "first") AND (SELECT ("key" << 32) + 4294967295 FROM "k")
                  AND s."messageId" IS NOT NULL AND s."body" LIKE :like ESCAPE '\\')
            SELECT ${COLUMNS}, ${HIT} FROM "Conversation" AS c
            WHERE c."userId" = :userId AND (c."title" LIKE :like ESCAPE '\\' OR c."id" IN (SELECT "conversationId" FROM "hits"))
            ORDER BY c."updatedAt" DESC LIMIT :take`,
          args: { userId, like: terms.like, budget: SCAN_BYTES, take },
        };
  const result = await sql().execute(statement);
  return result.rows.map((r) => ({ ...listRow(r), hit: r.hit == null ? null : String(r.hit) }));
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

/**
 * A conversation without its messages (they are read a page at a time: ./message-pages), or null
 * if it is not this user's. Cached per request, so a page and its metadata share one query.
 */
export const getConversationInfo = cache(async (userId: string, id: string) => {
  return db.conversation.findFirst({ where: { id, userId } });
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
