import "server-only";
import type { InStatement, Row } from "@libsql/client";
import { type StandingRow, standingStatement } from "../../auth/queries";
import { judgeStanding, type SessionClaim, type Standing } from "../../auth/standing";
import { db, sql } from "../../db/client";
import { prismaDate } from "../../db/dates";
import type { ChatMessage, ChatPart } from "../../shared/chat/message";
import { settleDecidedCalls } from "../../shared/chat/tool-approvals";
import { STORAGE_SQL, type StorageRow } from "../../storage/queries";
import { type StorageFigures, storageFigures } from "../../storage/storage";
import { estimateMessage, type StoredEstimate } from "../context/fit";
import { frozenInTests } from "../frozen-in-tests";
import {
  branchCacheStats,
  branchTo,
  type CachedBranches,
  cachedBranches,
  copyOf,
  forgetBranches,
  keepBranches,
  type RevisedRow,
  withChanges,
} from "./branch-cache";
import { type LiveRecord, liveRecordOf } from "./live-answers";

// The two queries between a user pressing Send and the upstream call: who owns the conversation
// and what was said so far on the branch the turn continues, then the new message. Raw SQL, one round trip each, because
// Prisma's per-query cost (several ms of event-loop time) would show in the time to first
// token; everything else goes through Prisma. lib/chat/turn.test.ts runs both against the
// migrated schema and reads the rows back through Prisma.

/** A message of the branch a turn continues, as the turn reads it. */
export interface BranchRow {
  id: string;
  parentId: string | null;
  role: string;
  /**
   * The parts as stored (JSON text), parsed where they are read (partsOf): a long conversation's
   * messages left out to fit the window never are. Also to claim a change to them only if nobody
   * changed them first.
   */
  partsJson: string;
  /** Its estimate as stored with the parts (lib/chat/context/fit.ts, estimateMessage); null if none was. */
  estimate: StoredEstimate | null;
  status: string;
  createdAt: number;
}

export interface TurnContext {
  /** The session judged against the account and its own row (lib/auth/standing): deleted, disabled, revoked or signed out since. */
  standing: Standing;
  /** The conversation, if it exists (whoever owns it). */
  conversation: {
    userId: string;
    /** From a root down to the anchor (empty when the anchor is not in this conversation). */
    branch: BranchRow[];
    /** Its answers being written (anywhere in the tree): how to reach their generations (./live-answers). */
    streaming: { id: string; status: string; live: LiveRecord | null }[];
    /** The new message's id is taken in this conversation already. */
    sent: boolean;
    /** Its summary of earlier messages, as stored (JSON text; lib/chat/context/summary.ts parses it). */
    summary: string | null;
  } | null;
  /** What the user stores and the team's quotas (lib/storage), checked before anything is written. */
  storage: StorageFigures;
}

/** Where a turn's branch ends: the message it follows (or the answer it continues), and the new message's id. */
export interface TurnAnchor {
  anchor: string | null;
  newMessageId?: string;
}

/** Deeper than any conversation a quota allows: a malformed cycle of parents cannot loop. */
const MAX_DEPTH = 1_000_000;

/**
 * Only the branch the turn continues is read, walking up the parent links from the anchor (the
 * primary key, a row per step): a conversation's other versions are neither read nor parsed.
 */
const BRANCH_SQL = `WITH RECURSIVE "branch" AS (
    SELECT "id", "parentId", "role", "parts", "tokens", "leanTokens", "status", "createdAt", "revision", 0 AS "depth"
    FROM "Message" WHERE "id" = :anchor AND "conversationId" = :conversationId
    UNION ALL
    SELECT m."id", m."parentId", m."role", m."parts", m."tokens", m."leanTokens", m."status", m."createdAt", m."revision", b."depth" + 1
    FROM "branch" AS b JOIN "Message" AS m ON m."id" = b."parentId" AND m."conversationId" = :conversationId
    WHERE b."depth" < ${MAX_DEPTH}
  )
  SELECT "id", "parentId", "role", "parts", "tokens", "leanTokens", "status", "createdAt", "revision" FROM "branch"`;

/** The messages written since a revision (./branch-cache), by the index on (conversationId, revision). */
const CHANGED_SQL = `SELECT "id", "parentId", "role", "parts", "tokens", "leanTokens", "status", "createdAt", "revision"
  FROM "Message" WHERE "conversationId" = ? AND "revision" > ?`;

const REVISION_SQL = 'SELECT "messagesRevision", "deletedRevision" FROM "Conversation" WHERE "id" = ?';

export async function getTurnContext(
  session: SessionClaim,
  conversationId: string,
  { anchor, newMessageId }: TurnAnchor,
): Promise<TurnContext> {
  const copy = anchor === null ? undefined : cachedBranches(conversationId);
  const [account, owner, rows, streaming, sent, storage] = await sql().batch(
    [
      standingStatement(session),
      {
        sql: 'SELECT "userId", "summary", "messagesRevision", "deletedRevision" FROM "Conversation" WHERE "id" = ?',
        args: [conversationId],
      },
      anchor === null
        ? { sql: "SELECT NULL WHERE 0", args: [] }
        : copy
          ? { sql: CHANGED_SQL, args: [conversationId, copy.revision] }
          : { sql: BRANCH_SQL, args: { anchor, conversationId } },
      // The partial index on streaming rows (migration 20261202140000_live_generations).
      {
        sql: `SELECT "id", "status", "live" FROM "Message" WHERE "conversationId" = ? AND "status" = 'streaming'`,
        args: [conversationId],
      },
      {
        sql: 'SELECT 1 FROM "Message" WHERE "id" = ? AND "conversationId" = ?',
        args: [newMessageId ?? "", conversationId],
      },
      { sql: STORAGE_SQL, args: [session.userId] },
    ],
    "read",
  );
  const row = owner.rows[0];
  if (!row) forgetBranches(conversationId);
  return {
    standing: judgeStanding(account.rows[0] as unknown as StandingRow | undefined, session),
    conversation: row
      ? {
          userId: String(row.userId),
          branch:
            anchor === null
              ? []
              : await branchOf(conversationId, anchor, copy, rows.rows.map(revisedRow), {
                  revision: Number(row.messagesRevision),
                  deletedRevision: Number(row.deletedRevision),
                }),
          streaming: streaming.rows.map((m) => ({
            id: String(m.id),
            status: String(m.status),
            live: liveRecordOf(m.live),
          })),
          sent: newMessageId !== undefined && sent.rows.length > 0,
          summary: row.summary == null ? null : String(row.summary),
        }
      : null,
    storage: storageFigures(storage.rows[0] as unknown as StorageRow | undefined),
  };
}

/**
 * The branch from a root down to the anchor: from the server's copy brought up to date with the
 * rows read (`read`: the rows changed since the copy's revision), or as read (`read`: the branch,
 * from the anchor up); read again if the copy cannot give it. The copy is kept for the next turn.
 */
async function branchOf(
  conversationId: string,
  anchor: string,
  copy: CachedBranches | undefined,
  read: RevisedRow[],
  at: { revision: number; deletedRevision: number },
): Promise<BranchRow[]> {
  if (copy) {
    const updated = withChanges(copy, read, at.revision, at.deletedRevision);
    const branch = updated && branchTo(updated, anchor);
    if (updated && branch) {
      keepBranches(conversationId, updated);
      branchCacheStats.served++;
      return branch;
    }
    const [revision, again] = await sql().batch(
      [
        { sql: REVISION_SQL, args: [conversationId] },
        { sql: BRANCH_SQL, args: { anchor, conversationId } },
      ],
      "read",
    );
    read = again.rows.map(revisedRow);
    at = { revision: Number(revision.rows[0]?.messagesRevision ?? 0), deletedRevision: 0 };
  }
  branchCacheStats.read++;
  // Read from the anchor up: reversed, from a root down.
  const branch = read.toReversed();
  keepBranches(conversationId, copyOf(branch, at.revision));
  return branch;
}

const revisedRow = (m: Row): RevisedRow => ({
  id: String(m.id),
  parentId: m.parentId == null ? null : String(m.parentId),
  role: String(m.role),
  partsJson: String(m.parts),
  estimate:
    m.tokens == null || m.leanTokens == null ? null : { tokens: Number(m.tokens), leanTokens: Number(m.leanTokens) },
  status: String(m.status),
  createdAt: Date.parse(String(m.createdAt)),
  revision: Number(m.revision),
});

/**
 * Parsed parts and history messages, as long as their row is kept: a long branch's rows are
 * (./branch-cache), so each message is parsed once per server, not at every turn.
 */
const parsedParts = new WeakMap<object, unknown[]>();
const historyMessages = new WeakMap<BranchRow, ChatMessage>();

/** A branch row's parts, parsed (a stored value that is not a list has none). */
export function partsOf(row: Pick<BranchRow, "partsJson">): unknown[] {
  let parts = parsedParts.get(row);
  if (!parts) {
    const value: unknown = JSON.parse(row.partsJson);
    parts = frozenInTests(Array.isArray(value) ? value : []);
    parsedParts.set(row, parts);
  }
  return parts;
}

/**
 * A message of the history as the model is shown it, its parts parsed when first read: with the
 * estimates stored, the fit chooses before any is parsed, and only those it sends are (a summary
 * refresh, after the answer, reads those it covers).
 */
export function historyMessage(row: BranchRow): ChatMessage {
  const kept = historyMessages.get(row);
  if (kept) return kept;
  let parts: ChatPart[] | undefined;
  const message: ChatMessage = {
    id: row.id,
    role: row.role === "assistant" ? "assistant" : "user",
    metadata: { createdAt: row.createdAt, parentId: row.parentId },
    get parts() {
      // A call decided but never run (a stop, a crash) is settled, not shown to the model unfinished.
      parts ??= frozenInTests(settleDecidedCalls(partsOf(row) as ChatPart[]));
      return parts;
    },
  };
  historyMessages.set(row, message);
  return message;
}

export interface UserTurn {
  userId: string;
  conversationId: string;
  /** Create the conversation with this message (a new chat), or append to the user's own. */
  isNew: boolean;
  title: string;
  model: string;
  platform: string;
  connectionId: string;
  settings: unknown;
  /** The new user message; absent when an existing one is answered again (regenerate). */
  message?: { id: string; parentId: string | null; parts: unknown; createdAt: Date };
  /** When the turn was asked for (the conversation's updatedAt). */
  at: Date;
  /** The answer's row while it is being written (./live-answers), in the same transaction. */
  answer?: InStatement[];
}

/**
 * Creates the conversation with its first message, or adds the message to it (the conversation's
 * head moves to it): one transaction. Without a message (an answer asked again), only the
 * conversation's model and settings are updated.
 */
export async function saveUserTurn(turn: UserTurn): Promise<void> {
  const now = prismaDate(turn.at);
  const settings = JSON.stringify(turn.settings);
  const head = turn.message?.id ?? null;
  const conversation = turn.isNew
    ? {
        sql: 'INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "connectionId", "settings", "headId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        args: [
          turn.conversationId,
          turn.userId,
          turn.title,
          turn.model,
          turn.platform,
          turn.connectionId,
          settings,
          head,
          now,
          now,
        ],
      }
    : {
        sql: 'UPDATE "Conversation" SET "model" = ?, "platform" = ?, "connectionId" = ?, "settings" = ?, "headId" = COALESCE(?, "headId"), "updatedAt" = ? WHERE "id" = ? AND "userId" = ?',
        args: [turn.model, turn.platform, turn.connectionId, settings, head, now, turn.conversationId, turn.userId],
      };
  const answer = turn.answer ?? [];
  if (!turn.message) {
    const [updated] = await sql().batch([conversation, ...answer], "write");
    if (updated.rowsAffected !== 1) throw new Error("saveUserTurn: the conversation is not this user's");
    return;
  }
  // The message is only inserted into a conversation of this user's, whatever the caller checked.
  const estimate = estimateMessage(turn.message.parts);
  const [, inserted] = await sql().batch(
    [
      conversation,
      {
        sql: 'INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "tokens", "leanTokens", "status", "createdAt") SELECT ?, ?, ?, \'user\', ?, ?, ?, \'done\', ? WHERE EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = ? AND "userId" = ?)',
        args: [
          turn.message.id,
          turn.conversationId,
          turn.message.parentId,
          JSON.stringify(turn.message.parts),
          estimate?.tokens ?? null,
          estimate?.leanTokens ?? null,
          prismaDate(turn.message.createdAt),
          turn.conversationId,
          turn.userId,
        ],
      },
      ...answer,
    ],
    "write",
  );
  if (inserted.rowsAffected !== 1) throw new Error("saveUserTurn: the conversation is not this user's");
}

/** Usage already recorded for an answer that goes on (after tool approvals): rare, so Prisma. */
export async function usageOfAnswer(messageId: string) {
  return db.usage.findMany({
    where: { messageId },
    orderBy: { createdAt: "asc" },
    select: {
      inputTokens: true,
      outputTokens: true,
      reasoningTokens: true,
      cachedInputTokens: true,
      totalTokens: true,
      estimated: true,
      ttftMs: true,
      reasoningMs: true,
      durationMs: true,
      costMicros: true,
      currency: true,
    },
  });
}

/**
 * Records the user's decisions on an answer's tool calls, only if its parts are still as read:
 * a second tab, a retried request or a reload cannot run an approved tool twice. False if they
 * changed meanwhile.
 */
export async function claimToolDecisions(messageId: string, before: string, after: unknown): Promise<boolean> {
  const estimate = estimateMessage(after);
  const result = await sql().execute({
    sql: 'UPDATE "Message" SET "parts" = ?, "tokens" = ?, "leanTokens" = ? WHERE "id" = ? AND "parts" = ?',
    args: [JSON.stringify(after), estimate?.tokens ?? null, estimate?.leanTokens ?? null, messageId, before],
  });
  return result.rowsAffected === 1;
}

export interface AnswerRecord {
  id: string;
  /** The answer's row exists (being written, or going on after the user decided on its tool calls). */
  continues?: boolean;
  /** The user message it answers. */
  parentId: string;
  conversationId: string;
  userId: string;
  parts: unknown;
  status: string;
  model: string | null;
  finishReason: string | null;
  error: { code: string; message: string } | null;
  /** What its first call sent (lib/chat/context): written with a new row, kept by one that continues. */
  context?: unknown;
  createdAt: Date;
}

/**
 * Saves a finished (or stopped, or failed) answer, the versions given beside it (several at
 * once), and the ledger rows of its upstream calls with the totals and the reservation they
 * settle: one transaction. The answer becomes the conversation's head. If the message it
 * answers was deleted meanwhile (another tab), or the conversation, only the ledger rows are
 * written: the tokens were spent. "usage-only" then.
 */
export async function saveAnswers({
  answer,
  others = [],
  ledger,
  unseen = false,
}: {
  answer: AnswerRecord;
  others?: AnswerRecord[];
  ledger: InStatement[];
  /** Nobody watched it end: the sidebar marks the conversation until it is opened. */
  unseen?: boolean;
}): Promise<"saved" | "usage-only"> {
  const now = prismaDate(new Date());
  const [saved] = await sql().batch(
    [
      answerStatement(answer),
      ...others.map(answerStatement),
      {
        // The chat now shows this answer (a regenerated one replaces the version shown).
        sql: 'UPDATE "Conversation" SET "headId" = :id, "updatedAt" = :now, "unseenAt" = CASE WHEN :unseen THEN :now ELSE "unseenAt" END WHERE "id" = :conversationId AND "userId" = :userId AND EXISTS (SELECT 1 FROM "Message" WHERE "id" = :id AND "conversationId" = :conversationId)',
        args: {
          id: answer.id,
          now,
          unseen: unseen ? 1 : 0,
          conversationId: answer.conversationId,
          userId: answer.userId,
        },
      },
      ...ledger,
    ],
    "write",
  );
  return saved.rowsAffected === 1 ? "saved" : "usage-only";
}

function answerStatement(record: AnswerRecord): InStatement {
  const estimate = estimateMessage(record.parts);
  const args = {
    id: record.id,
    conversationId: record.conversationId,
    parentId: record.parentId,
    userId: record.userId,
    parts: JSON.stringify(record.parts),
    tokens: estimate?.tokens ?? null,
    leanTokens: estimate?.leanTokens ?? null,
    status: record.status,
    model: record.model,
    finishReason: record.finishReason,
    error: record.error ? JSON.stringify(record.error) : null,
    context: record.context === undefined ? null : JSON.stringify(record.context),
    createdAt: prismaDate(record.createdAt),
  };
  const owned = 'EXISTS (SELECT 1 FROM "Conversation" WHERE "id" = :conversationId AND "userId" = :userId)';
  if (record.continues) {
    return {
      sql: `UPDATE "Message" SET "parts" = :parts, "tokens" = :tokens, "leanTokens" = :leanTokens, "status" = :status, "model" = :model, "finishReason" = :finishReason, "error" = :error, "live" = NULL
        WHERE "id" = :id AND "conversationId" = :conversationId AND ${owned}`,
      args,
    };
  }
  return {
    sql: `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "tokens", "leanTokens", "status", "model", "finishReason", "error", "context", "createdAt")
      SELECT :id, :conversationId, :parentId, 'assistant', :parts, :tokens, :leanTokens, :status, :model, :finishReason, :error, :context, :createdAt
      WHERE EXISTS (SELECT 1 FROM "Message" WHERE "id" = :parentId AND "conversationId" = :conversationId) AND ${owned}`,
    args,
  };
}
