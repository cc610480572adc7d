import "server-only";
import { randomUUID } from "node:crypto";
import type { InStatement } from "@libsql/client";
import { sql } from "../../db/client";
import { prismaDate } from "../../db/dates";
import type { Timings, TokenUsage } from "../../shared/chat/message";
import type { Reservation } from "../admission";
import { periodOf } from "../period";
import type { CallCost } from "../pricing";
import { keyScope, TEAM_SCOPE, userScope } from "./reservations";

// The ledger: one row per upstream call, written in the same transaction as the running totals
// it adds to (the user's and the team's, and an API call's key's, for the month of the call) and the release of the
// request's reservations (lib/spend/turn-budget). Built as SQL statements, so that the chat can write an answer and its
// ledger rows in one batch; a batch runs as one transaction on one connection, so that
// concurrent settlements can neither interleave nor lose an increment.

export interface LedgerEntry {
  userId: string;
  conversationId: string | null;
  messageId: string | null;
  purpose: "answer" | "title" | "summary" | "api";
  /** The personal API key an API call was made with (lib/keys). */
  apiKeyId?: string | null;
  platform: string;
  requestedModel: string;
  answeredModel: string | null;
  usage: TokenUsage;
  timings?: Partial<Timings>;
  cost: CallCost;
  /** The output a budget capped the call to, when it did. */
  outputCap?: number | null;
  /** When the call started. */
  at: Date;
}

/**
 * The statements that record the entries and add them to the running totals. A row refers to its
 * message and conversation only if they still exist when the batch runs (an answer whose
 * conversation was deleted while it streamed keeps its cost, linked to its user).
 */
export function ledgerStatements(entries: LedgerEntry[], { timeZone }: { timeZone: string }): InStatement[] {
  const statements: InStatement[] = entries.flatMap((entry) => {
    const args = {
      id: randomUUID(),
      userId: entry.userId,
      conversationId: entry.conversationId,
      messageId: entry.messageId,
      purpose: entry.purpose,
      platform: entry.platform,
      requestedModel: entry.requestedModel,
      answeredModel: entry.answeredModel,
      inputTokens: entry.usage.inputTokens,
      outputTokens: entry.usage.outputTokens,
      reasoningTokens: entry.usage.reasoningTokens,
      cachedInputTokens: entry.usage.cachedInputTokens,
      totalTokens: entry.usage.totalTokens,
      estimated: entry.usage.estimated ? 1 : 0,
      ttftMs: entry.timings?.ttftMs ?? null,
      reasoningMs: entry.timings?.reasoningMs ?? null,
      durationMs: entry.timings?.durationMs ?? null,
      costMicros: entry.cost.costMicros,
      currency: entry.cost.currency,
      costSource: entry.cost.costSource,
      priceId: entry.cost.priceId,
      multiplier: entry.cost.multiplier,
      outputCap: entry.outputCap ?? null,
      apiKeyId: entry.apiKeyId ?? null,
      createdAt: prismaDate(entry.at),
      user: userScope(entry.userId),
      team: TEAM_SCOPE,
      key: entry.apiKeyId ? keyScope(entry.apiKeyId) : null,
      period: periodOf(entry.at, timeZone),
    };
    const keyTotal = args.key === null ? "" : ", (:key, :period, :totalTokens, COALESCE(:costMicros, 0), 1)";
    return [
      {
        sql: `INSERT INTO "Usage" ("id", "userId", "conversationId", "messageId", "purpose", "platform", "requestedModel",
            "answeredModel", "inputTokens", "outputTokens", "reasoningTokens", "cachedInputTokens", "totalTokens", "estimated",
            "ttftMs", "reasoningMs", "durationMs", "costMicros", "currency", "costSource", "priceId", "multiplier", "outputCap",
            "apiKeyId", "createdAt")
          VALUES (:id, :userId,
            (SELECT "id" FROM "Conversation" WHERE "id" = :conversationId AND "userId" = :userId),
            (SELECT "id" FROM "Message" WHERE "id" = :messageId),
            :purpose, :platform, :requestedModel, :answeredModel, :inputTokens, :outputTokens, :reasoningTokens,
            :cachedInputTokens, :totalTokens, :estimated, :ttftMs, :reasoningMs, :durationMs, :costMicros, :currency,
            :costSource, (SELECT "id" FROM "Price" WHERE "id" = :priceId), :multiplier, :outputCap,
            (SELECT "id" FROM "ApiKey" WHERE "id" = :apiKeyId), :createdAt)`,
        args,
      },
      {
        sql: `INSERT INTO "SpendTotal" ("scope", "period", "tokens", "costMicros", "calls")
          VALUES (:user, :period, :totalTokens, COALESCE(:costMicros, 0), 1), (:team, :period, :totalTokens, COALESCE(:costMicros, 0), 1)${keyTotal}
          ON CONFLICT ("scope", "period") DO UPDATE SET
            "tokens" = "tokens" + excluded."tokens",
            "costMicros" = "costMicros" + excluded."costMicros",
            "calls" = "calls" + 1`,
        args,
      },
    ];
  });
  return statements;
}

/** Gives back what a request held; only once, however often it is called (settled, or swept). */
export function releaseStatements(reservation: Pick<Reservation, "id" | "userId" | "period">): InStatement[] {
  const args = {
    id: reservation.id,
    user: userScope(reservation.userId),
    team: TEAM_SCOPE,
    period: reservation.period,
  };
  return [
    {
      sql: `UPDATE "SpendTotal" SET
          "reservedTokens" = "reservedTokens" - (SELECT "tokens" FROM "Reservation" WHERE "id" = :id),
          "reservedMicros" = "reservedMicros" - (SELECT "costMicros" FROM "Reservation" WHERE "id" = :id)
        WHERE "period" = :period AND EXISTS (SELECT 1 FROM "Reservation" WHERE "id" = :id)
          AND ("scope" IN (:user, :team) OR "scope" = (SELECT 'key:' || "keyId" FROM "Reservation" WHERE "id" = :id))`,
      args,
    },
    { sql: 'DELETE FROM "Reservation" WHERE "id" = :id', args },
  ];
}

/** Gives back what a request held when it ends before anything was sent. */
export async function releaseReservation(reservation: Reservation): Promise<void> {
  await sql().batch(releaseStatements(reservation), "write");
}

/** Records calls that belong to no answer being saved (a title, an answer with nowhere to go). */
export async function recordLedger(
  entries: LedgerEntry[],
  options: { timeZone: string; before?: InStatement[]; after?: InStatement[] },
): Promise<void> {
  await sql().batch(
    [...(options.before ?? []), ...ledgerStatements(entries, options), ...(options.after ?? [])],
    "write",
  );
}

/**
 * Releases up to 100 reservations made before the cutoff (their requests never settled), and
 * forgets rate windows before the minute.
 */
export async function releaseStaleReservations(madeBefore: Date, rateWindowsBefore: number): Promise<void> {
  const stale = await sql().execute({
    sql: 'SELECT "id", "userId", "period" FROM "Reservation" WHERE "createdAt" < ? LIMIT 100',
    args: [prismaDate(madeBefore)],
  });
  await sql().batch(
    [
      ...stale.rows.flatMap((r) =>
        releaseStatements({ id: String(r.id), userId: String(r.userId), period: String(r.period) }),
      ),
      { sql: 'DELETE FROM "RateWindow" WHERE "minute" < ?', args: [rateWindowsBefore] },
    ],
    "write",
  );
}
