import type { MessageRow } from "../../chat/queries/conversations";
import type { LedgerEntry } from "../../spend/queries/ledger";
import {
  type ChatMessage,
  type ChatPart,
  contextSchema,
  type MessageMetadata,
  messageErrorSchema,
  messageStatusSchema,
  type TokenUsage,
} from "./message";
import { settleDecidedCalls } from "./tool-approvals";

// Database rows ⇄ UI messages. Reload must show exactly what streaming showed, so everything the
// message footer displays is rebuilt here from the message row and its usage rows.

type UsageRow = MessageRow["usage"][number];

export function toChatMessage(row: MessageRow): ChatMessage {
  const metadata: MessageMetadata = { createdAt: row.createdAt.getTime(), parentId: row.parentId };
  if (row.role === "assistant") {
    const status = messageStatusSchema.safeParse(row.status);
    if (status.success) metadata.status = status.data;
    if (row.model) metadata.model = row.model;
    const requested = row.usage[0]?.requestedModel;
    if (requested && row.model && row.model !== requested) metadata.requestedModel = requested;
    if (row.finishReason) metadata.finishReason = row.finishReason;
    const error = messageErrorSchema.safeParse(row.error);
    if (error.success) metadata.error = error.data;
    const context = contextSchema.safeParse(row.context);
    if (context.success) metadata.context = context.data;
    if (row.usage.length > 0) Object.assign(metadata, usageMetadata(row.usage));
  }
  return {
    id: row.id,
    role: row.role === "assistant" ? "assistant" : row.role === "system" ? "system" : "user",
    parts: Array.isArray(row.parts) ? (row.parts as unknown as ChatPart[]) : [],
    metadata,
  };
}

export type UsageFigures = Pick<UsageRow, keyof TokenUsage | "ttftMs" | "reasoningMs" | "durationMs" | "currency"> & {
  /** A bigint as Prisma reads it, a number as a turn computes it. */
  costMicros: bigint | number | null;
  outputCap?: number | null;
};

/** A ledger entry of the turn under way, as the rows reload will read. */
export function figuresOf(entry: Pick<LedgerEntry, "usage" | "timings" | "cost" | "outputCap">): UsageFigures {
  return {
    outputCap: entry.outputCap ?? null,
    ...entry.usage,
    ttftMs: entry.timings?.ttftMs ?? null,
    reasoningMs: entry.timings?.reasoningMs ?? null,
    durationMs: entry.timings?.durationMs ?? null,
    costMicros: entry.cost.costMicros,
    currency: entry.cost.currency,
  };
}

/**
 * An answer's usage, cost and timings over its upstream calls (the steps of a tool loop; more
 * when it went on after the user decided on a tool call): tokens, cost and durations add up;
 * time to first token is the first call's. Cost counts the calls that had a price (in the
 * currency of the first); absent when none had. A budget's cap is the smallest of its calls'.
 */
export function usageMetadata(rows: UsageFigures[]): Pick<MessageMetadata, "usage" | "timings" | "cost" | "budgetCap"> {
  const priced = rows.filter((r) => r.costMicros !== null && r.currency !== null);
  const currency = priced[0]?.currency;
  const caps = rows.flatMap((r) => (r.outputCap == null ? [] : [r.outputCap]));
  return {
    ...(caps.length ? { budgetCap: { outputTokens: Math.min(...caps) } } : {}),
    ...(currency
      ? {
          cost: {
            micros: priced.filter((r) => r.currency === currency).reduce((sum, r) => sum + Number(r.costMicros), 0),
            currency,
            // Some calls had no price, or one in a currency the team no longer counts in.
            ...(priced.filter((r) => r.currency === currency).length < rows.length ? { partial: true } : {}),
          },
        }
      : {}),
    usage: sumUsage(rows),
    timings: {
      ttftMs: rows[0]?.ttftMs ?? null,
      reasoningMs: rows.reduce<number | null>(
        (sum, u) => (u.reasoningMs == null ? sum : (sum ?? 0) + u.reasoningMs),
        null,
      ),
      durationMs: rows.reduce((sum, u) => sum + (u.durationMs ?? 0), 0),
    },
  };
}

export function sumUsage(rows: Pick<UsageRow, keyof TokenUsage>[]): TokenUsage {
  return rows.reduce<TokenUsage>(
    (sum, u) => ({
      inputTokens: sum.inputTokens + u.inputTokens,
      outputTokens: sum.outputTokens + u.outputTokens,
      reasoningTokens: sum.reasoningTokens + u.reasoningTokens,
      cachedInputTokens: sum.cachedInputTokens + u.cachedInputTokens,
      totalTokens: sum.totalTokens + u.totalTokens,
      estimated: sum.estimated || u.estimated,
    }),
    { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0, estimated: false },
  );
}

/**
 * Parts worth keeping for an answer: streaming-state markers are dropped, and a text or
 * reasoning part cut off mid-stream is stored as finished.
 */
export function partsToStore(parts: ChatPart[]): ChatPart[] {
  const kept = settleDecidedCalls(parts)
    .filter((p) => !((p.type === "text" || p.type === "reasoning") && p.text.length === 0))
    .map((p) => (p.type === "text" || p.type === "reasoning" ? { ...p, state: "done" as const } : p));
  return kept.some((p) => p.type !== "step-start") ? kept : [];
}
