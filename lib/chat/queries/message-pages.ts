import "server-only";
import { db, sql } from "../../db/client";
import type { BranchNode } from "../../shared/chat/branches";
import {
  type ConversationTotals,
  type MessagePage,
  type OpeningPage,
  PAGE_SIZE,
  type PageQuery,
} from "../../shared/chat/message-page";
import { toChatMessage } from "../../shared/chat/stored-message";

// A long conversation is read a page at a time: a stretch of the path the chat shows, and the
// versions of each of its messages (their siblings, as nodes), never the whole tree. The path is
// found by walking the parent links (the primary key) and, downwards, each message's newest child
// (the index on conversation, parent and time): a step a row, whatever the conversation's size.
// Every query takes the user id: a conversation that is not the user's reads as none.

/** Messages read per query (SQLite's bound on a statement's parameters is lower than a page). */
const SLICE = 200;
/** The longest path walked at once (a bound on a broken parent chain, not a real limit). */
const MAX_DEPTH = 100_000;

/** Walks up from `from`: its id and up to `limit - 1` ancestors', newest first. */
const UP_SQL = `WITH RECURSIVE "up" AS (
    SELECT "id", "parentId", 1 AS "n" FROM "Message" WHERE "id" = :from AND "conversationId" = :conversationId
    UNION ALL
    SELECT m."id", m."parentId", u."n" + 1
    FROM "up" AS u JOIN "Message" AS m ON m."id" = u."parentId" AND m."conversationId" = :conversationId
    WHERE u."n" < :limit
  )
  SELECT "id" FROM "up" ORDER BY "n"`;

/** Walks up from `from` until `until` (inclusive), then `above` more: newest first. */
const UP_UNTIL_SQL = `WITH RECURSIVE "up" AS (
    SELECT "id", "parentId", 1 AS "n", CASE WHEN "id" = :until THEN 0 ELSE NULL END AS "past"
    FROM "Message" WHERE "id" = :from AND "conversationId" = :conversationId
    UNION ALL
    SELECT m."id", m."parentId", u."n" + 1, CASE WHEN m."id" = :until THEN 0 ELSE u."past" + 1 END
    FROM "up" AS u JOIN "Message" AS m ON m."id" = u."parentId" AND m."conversationId" = :conversationId
    WHERE u."n" < ${MAX_DEPTH} AND (u."past" IS NULL OR u."past" < :above)
  )
  SELECT "id", "past" FROM "up" ORDER BY "n"`;

/** Walks down from `from` (null: the roots) to its newest leaf, following the newest child. */
const DOWN_SQL = `WITH RECURSIVE "down"("id", "n") AS (
    SELECT COALESCE(:from, (SELECT r."id" FROM "Message" AS r
      WHERE r."conversationId" = :conversationId AND r."parentId" IS NULL
      ORDER BY r."createdAt" DESC LIMIT 1)), 0
    UNION ALL
    SELECT (SELECT c."id" FROM "Message" AS c
      WHERE c."conversationId" = :conversationId AND c."parentId" = d."id"
      ORDER BY c."createdAt" DESC LIMIT 1), d."n" + 1
    FROM "down" AS d WHERE d."id" IS NOT NULL AND d."n" < ${MAX_DEPTH}
  )
  SELECT "id" FROM "down" WHERE "id" IS NOT NULL ORDER BY "n"`;

/** How many messages are above `from` on its path (a walk of the parent links, ids only). */
const DEPTH_SQL = `WITH RECURSIVE "up"("id", "n") AS (
    SELECT "parentId", 0 FROM "Message" WHERE "id" = :from AND "conversationId" = :conversationId
    UNION ALL
    SELECT m."parentId", u."n" + 1
    FROM "up" AS u JOIN "Message" AS m ON m."id" = u."id" AND m."conversationId" = :conversationId
    WHERE u."n" < ${MAX_DEPTH}
  )
  SELECT COUNT("id") AS "depth" FROM "up"`;

/** The versions of the given messages: every child of their parents (and every root, if asked). */
const SIBLINGS_SQL = `SELECT "id", "parentId", "role", "createdAt" FROM "Message"
  WHERE "conversationId" = :conversationId
    AND ("parentId" IN (SELECT "value" FROM json_each(:parents)) OR (:roots = 1 AND "parentId" IS NULL))`;

const OWNED_SQL = `SELECT "headId" FROM "Conversation" WHERE "id" = ? AND "userId" = ?`;
const IN_CONVERSATION_SQL = `SELECT "id" FROM "Message" WHERE "id" = ? AND "conversationId" = ?`;

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.id));

async function walkUp(conversationId: string, from: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const { rows } = await sql().execute({ sql: UP_SQL, args: { from, conversationId, limit } });
  return ids(rows).reverse();
}

async function walkDown(conversationId: string, from: string | null): Promise<string[]> {
  const { rows } = await sql().execute({ sql: DOWN_SQL, args: { from, conversationId } });
  return ids(rows);
}

/** The messages, in the order given, with their usage, and the nodes of their versions. */
async function pageOf(conversationId: string, path: string[]): Promise<MessagePage> {
  if (path.length === 0) return { messages: [], nodes: [], before: 0 };
  const depth = sql().execute({ sql: DEPTH_SQL, args: { from: path[0], conversationId } });
  // In slices: the database takes a bounded number of parameters per query.
  const slices: string[][] = [];
  for (let i = 0; i < path.length; i += SLICE) slices.push(path.slice(i, i + SLICE));
  const rows = (
    await Promise.all(
      slices.map((ids) =>
        db.message.findMany({
          where: { conversationId, id: { in: ids } },
          include: { usage: { orderBy: { createdAt: "asc" } } },
        }),
      ),
    )
  ).flat();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const messages = path.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toChatMessage(row)] : [];
  });
  const parents = [...new Set(rows.flatMap((r) => (r.parentId === null ? [] : [r.parentId])))];
  const { rows: siblings } = await sql().execute({
    sql: SIBLINGS_SQL,
    args: { conversationId, parents: JSON.stringify(parents), roots: rows.some((r) => r.parentId === null) ? 1 : 0 },
  });
  const nodes: BranchNode[] = siblings.map((r) => ({
    id: String(r.id),
    parentId: r.parentId == null ? null : String(r.parentId),
    role: String(r.role),
    createdAt: Date.parse(String(r.createdAt)),
  }));
  return { messages, nodes, before: Number((await depth).rows[0]?.depth ?? 0) };
}

/** A page with the conversation's totals, read beside it. */
async function opening(conversationId: string, path: Promise<string[]>): Promise<OpeningPage> {
  const [page, totals] = await Promise.all([
    path.then((p) => pageOf(conversationId, p)),
    conversationTotals(conversationId),
  ]);
  return { ...page, totals };
}

/** The conversation's head, if it is the user's (undefined: not theirs, or none such). */
async function ownedHead(userId: string, conversationId: string): Promise<{ headId: string | null } | undefined> {
  const { rows } = await sql().execute({ sql: OWNED_SQL, args: [conversationId, userId] });
  const row = rows[0];
  return row ? { headId: row.headId == null ? null : String(row.headId) } : undefined;
}

async function inConversation(conversationId: string, id: string): Promise<boolean> {
  const { rows } = await sql().execute({ sql: IN_CONVERSATION_SQL, args: [id, conversationId] });
  return rows.length > 0;
}

/** Whether the conversation is the user's and holds the message. */
async function ownedMessage(userId: string, conversationId: string, id: string): Promise<boolean> {
  return (await ownedHead(userId, conversationId)) !== undefined && (await inConversation(conversationId, id));
}

/** The path through `id`: `above` of its ancestors, it, and what lies `below` it (walkDown's, it first). */
async function pathThrough(conversationId: string, id: string, above: number, below: string[]): Promise<string[]> {
  return [...(await walkUp(conversationId, id, above + 1)), ...below.slice(1)];
}

/**
 * The last PAGE_SIZE messages of the path the chat shows: down to the head, or to the newest leaf
 * when the head is unset or gone. Null if the conversation is not the user's.
 */
export async function latestPage(userId: string, conversationId: string): Promise<OpeningPage | null> {
  const owned = await ownedHead(userId, conversationId);
  if (!owned) return null;
  const head =
    owned.headId && (await inConversation(conversationId, owned.headId))
      ? owned.headId
      : ((await walkDown(conversationId, null)).at(-1) ?? null);
  return opening(conversationId, head ? walkUp(conversationId, head, PAGE_SIZE) : Promise.resolve([]));
}

/**
 * The `limit` messages before `id` on its path; with `until`, all of them back to that ancestor
 * and `above` more (none if it is not an ancestor). Null if the conversation or the message is
 * not the user's.
 */
export async function pageBefore(
  userId: string,
  conversationId: string,
  id: string,
  { limit = PAGE_SIZE, until }: { limit?: number; until?: { id: string; above: number } } = {},
): Promise<MessagePage | null> {
  if (!(await ownedHead(userId, conversationId))) return null;
  const { rows } = await sql().execute({
    sql: `SELECT "parentId" FROM "Message" WHERE "id" = ? AND "conversationId" = ?`,
    args: [id, conversationId],
  });
  if (!rows[0]) return null;
  const parentId = rows[0].parentId == null ? null : String(rows[0].parentId);
  if (!parentId) return pageOf(conversationId, []);
  if (!until) return pageOf(conversationId, await walkUp(conversationId, parentId, limit));
  const { rows: up } = await sql().execute({
    sql: UP_UNTIL_SQL,
    args: { from: parentId, until: until.id, above: until.above, conversationId },
  });
  const reached = up.some((r) => r.past !== null);
  return pageOf(conversationId, reached ? ids(up).reverse() : []);
}

/**
 * The path through `id`: `above` of its ancestors, it, and everything below it down to its newest
 * leaf (a version switched to, or a message a search found). Null if the conversation or the
 * message is not the user's.
 */
export async function pageThrough(
  userId: string,
  conversationId: string,
  id: string,
  above: number,
): Promise<OpeningPage | null> {
  if (!(await ownedMessage(userId, conversationId, id))) return null;
  return opening(
    conversationId,
    walkDown(conversationId, id).then((below) => pathThrough(conversationId, id, above, below)),
  );
}

/** The answers' usage in every branch and version (as the chat's header counts it), in one read. */
const TOTALS_SQL = `SELECT COUNT(DISTINCT u."messageId") AS "answers",
    COALESCE(SUM(u."inputTokens"), 0) AS "input", COALESCE(SUM(u."outputTokens"), 0) AS "output",
    (SELECT p."currency" FROM "Usage" AS p JOIN "Message" AS pm ON pm."id" = p."messageId"
      WHERE pm."conversationId" = :conversationId AND p."currency" IS NOT NULL AND p."costMicros" IS NOT NULL
      ORDER BY pm."createdAt", p."createdAt" LIMIT 1) AS "currency"
  FROM "Usage" AS u JOIN "Message" AS m ON m."id" = u."messageId"
  WHERE m."conversationId" = :conversationId`;
const COST_SQL = `SELECT COALESCE(SUM(u."costMicros"), 0) AS "micros"
  FROM "Usage" AS u JOIN "Message" AS m ON m."id" = u."messageId"
  WHERE m."conversationId" = :conversationId AND u."currency" = :currency`;

/** What the conversation cost so far; read once its ownership was checked. */
async function conversationTotals(conversationId: string): Promise<ConversationTotals> {
  const { rows } = await sql().execute({ sql: TOTALS_SQL, args: { conversationId } });
  const row = rows[0] ?? {};
  const currency = row.currency == null ? null : String(row.currency);
  const cost = currency
    ? {
        micros: Number(
          (await sql().execute({ sql: COST_SQL, args: { conversationId, currency } })).rows[0]?.micros ?? 0,
        ),
        currency,
      }
    : null;
  return {
    answers: Number(row.answers ?? 0),
    inputTokens: Number(row.input ?? 0),
    outputTokens: Number(row.output ?? 0),
    cost,
  };
}

/** The page a query names (lib/shared/chat/message-page); null if it is not the user's to read. */
export function messagePage(userId: string, conversationId: string, query: PageQuery): Promise<MessagePage | null> {
  if ("until" in query) {
    return pageBefore(userId, conversationId, query.before, { until: { id: query.until, above: query.above } });
  }
  if ("before" in query) return pageBefore(userId, conversationId, query.before, { limit: query.limit });
  if ("through" in query) return pageThrough(userId, conversationId, query.through, query.above);
  return latestPage(userId, conversationId);
}

/**
 * The page a chat opened at a message a search found shows: the path through it, when what
 * follows it fits in a page; else the latest page of that path, the message being read by the
 * browser with what lies between (pageBefore with `until`). Null as pageThrough.
 */
export async function pageAt(
  userId: string,
  conversationId: string,
  id: string,
  above: number,
): Promise<OpeningPage | null> {
  if (!(await ownedMessage(userId, conversationId, id))) return null;
  const below = await walkDown(conversationId, id);
  return opening(
    conversationId,
    below.length > PAGE_SIZE
      ? walkUp(conversationId, below.at(-1) ?? id, PAGE_SIZE)
      : pathThrough(conversationId, id, above, below),
  );
}
