import "server-only";
import type { InStatement } from "@libsql/client";
import { z } from "zod";
import { db, sql } from "../../db/client";
import { prismaDate } from "../../db/dates";

// Answers being written (lib/generation): a Message row with status "streaming" from admission
// to settlement, whose `live` column says how to reach or recover its generation. Raw SQL: the
// placeholder is written in the user turn's batch, and checkpoints run every few seconds per
// answer being written.

export const liveRecordSchema = z.object({
  /** The generation's stream (lib/generation/streams). */
  streamId: z.string(),
  /** Budget reservations it holds, released if it is found dead. */
  reservations: z.array(z.object({ id: z.string(), userId: z.string(), period: z.string() })).default([]),
  userId: z.string(),
  platform: z.string(),
  model: z.string(),
  /** When the generation started (a dead one is billed at that time's prices). */
  startedAt: z.number(),
  /** Its last heartbeat (every checkpoint): a generation silent for long is dead. */
  renewedAt: z.number().optional(),
});
export type LiveRecord = z.infer<typeof liveRecordSchema>;

/** The placeholder of a new answer, in the user turn's batch: the conversation shows it at once. */
export function newLiveAnswerStatements(answer: {
  id: string;
  conversationId: string;
  parentId: string;
  userId: string;
  createdAt: Date;
  live: LiveRecord;
  /** What its first call sends (lib/chat/context), shown while it is written and after. */
  context?: unknown;
}): InStatement[] {
  const args = {
    context: answer.context === undefined ? null : JSON.stringify(answer.context),
    id: answer.id,
    conversationId: answer.conversationId,
    parentId: answer.parentId,
    userId: answer.userId,
    live: JSON.stringify(answer.live),
    createdAt: prismaDate(answer.createdAt),
  };
  return [
    {
      sql: `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "live", "context", "createdAt")
        SELECT :id, :conversationId, :parentId, 'assistant', '[]', 'streaming', :live, :context, :createdAt
        WHERE EXISTS (SELECT 1 FROM "Message" WHERE "id" = :parentId AND "conversationId" = :conversationId)
          AND EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = :conversationId AND "userId" = :userId)`,
      args,
    },
    // The chat shows the answer being written (a reload lands on it).
    {
      sql: `UPDATE "Conversation" SET "headId" = :id WHERE "id" = :conversationId AND "userId" = :userId
        AND EXISTS (SELECT 1 FROM "Message" WHERE "id" = :id)`,
      args,
    },
  ];
}

/** An answer that goes on (after tool decisions) is being written again. */
export function continuedLiveAnswerStatement(answer: {
  id: string;
  conversationId: string;
  userId: string;
  live: LiveRecord;
}): InStatement {
  return {
    sql: `UPDATE "Message" SET "status" = 'streaming', "live" = ?
      WHERE "id" = ? AND "conversationId" = ? AND EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = ? AND "userId" = ?)`,
    args: [JSON.stringify(answer.live), answer.id, answer.conversationId, answer.conversationId, answer.userId],
  };
}

/**
 * Saves what an answer wrote so far (unless null: unchanged, so that its text is not indexed
 * again) and its heartbeat, while it is being written.
 */
export async function checkpointAnswer(id: string, parts: unknown | null, at = Date.now()): Promise<void> {
  const heartbeat = `"live" = json_set("live", '$.renewedAt', ?)`;
  await sql().execute(
    parts === null
      ? { sql: `UPDATE "Message" SET ${heartbeat} WHERE "id" = ? AND "status" = 'streaming'`, args: [at, id] }
      : {
          // Its estimate is made when it settles; one interrupted meanwhile is measured when read.
          sql: `UPDATE "Message" SET "parts" = ?, "tokens" = NULL, "leanTokens" = NULL, ${heartbeat} WHERE "id" = ? AND "status" = 'streaming'`,
          args: [JSON.stringify(parts), at, id],
        },
  );
}

export interface LiveAnswer {
  id: string;
  conversationId: string;
  live: LiveRecord | null;
}

/** The `live` column as read by the raw client; null when absent or unreadable. */
export function liveRecordOf(value: unknown): LiveRecord | null {
  if (value == null) return null;
  try {
    const live = liveRecordSchema.safeParse(JSON.parse(String(value)));
    return live.success ? live.data : null;
  } catch {
    return null;
  }
}

function liveAnswerOf(row: Record<string, unknown>): LiveAnswer {
  return { id: String(row.id), conversationId: String(row.conversationId), live: liveRecordOf(row.live) };
}

/**
 * The answer being written in a conversation of the user's: undefined when the conversation is
 * not theirs (or does not exist), null when nothing is being written.
 */
export async function liveAnswerIn(conversationId: string, userId: string): Promise<LiveAnswer | null | undefined> {
  const result = await sql().execute({
    sql: `SELECT c."id" AS "conversationId", m."id", m."live" FROM "Conversation" c
      LEFT JOIN "Message" m ON m."conversationId" = c."id" AND m."status" = 'streaming'
      WHERE c."id" = ? AND c."userId" = ?
      ORDER BY m."createdAt" DESC LIMIT 1`,
    args: [conversationId, userId],
  });
  const row = result.rows[0];
  if (!row) return undefined;
  return row.id == null ? null : liveAnswerOf(row);
}

/** Answers being written anywhere (for finding the dead ones): a few at a time, oldest first. */
export async function liveAnswers(limit = 100): Promise<LiveAnswer[]> {
  const result = await sql().execute({
    sql: `SELECT "id", "conversationId", "live" FROM "Message" WHERE "status" = 'streaming' ORDER BY "createdAt" ASC LIMIT ?`,
    args: [limit],
  });
  return result.rows.map(liveAnswerOf);
}

/**
 * Marks an answer whose generation died as interrupted, keeping its last checkpoint; false if
 * somebody settled it first (its own server, or another instance that found it dead).
 */
export async function claimInterrupted(id: string, error: { code: string; message: string }): Promise<boolean> {
  const [claimed] = await sql().batch(
    [
      {
        sql: `UPDATE "Message" SET "status" = 'interrupted', "error" = ?, "live" = NULL WHERE "id" = ? AND "status" = 'streaming'`,
        args: [JSON.stringify(error), id],
      },
      {
        // Its owner was not watching when it ended: the sidebar says so.
        sql: `UPDATE "Conversation" SET "unseenAt" = ? WHERE "id" = (SELECT "conversationId" FROM "Message" WHERE "id" = ?) AND changes() > 0`,
        args: [prismaDate(new Date()), id],
      },
    ],
    "write",
  );
  return claimed.rowsAffected === 1;
}

/** What an interrupted answer's estimate reads: its branch up to it, and the conversation's settings. */
export async function interruptedContext(id: string) {
  const answer = await db.message.findUnique({
    where: { id },
    select: { parts: true, parentId: true, conversation: { select: { settings: true } }, conversationId: true },
  });
  if (!answer) return null;
  const messages = await db.message.findMany({
    where: { conversationId: answer.conversationId },
    select: { id: true, parentId: true, role: true, parts: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return { answer, messages };
}
