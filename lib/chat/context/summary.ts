import "server-only";
import { z } from "zod";
import { modelProfile } from "../../shared/catalog/profile";
import { type ChatMessage, textOf } from "../../shared/chat/message";
import { type CheapCallTarget, cheapCall, cheapModel } from "../cheap-call";
import { estimateTokens } from "./estimate";

// A long conversation's summary: what the earlier messages left out to fit the model's window
// (fit.ts) said, written by the team's cheap model (cheap-call.ts, billed as a "summary" ledger
// row) and kept on the conversation ({ text, upToId, tokens }). A turn that leaves messages out
// sends it at the end of the system prompt, its tokens counted in the fit, while it covers only
// messages left out (its last one, `upToId`, is among them: on another branch, or once the
// window holds it again, it is not sent).
//
// It is never written on the way to the first token: the turn sends the summary it finds, and
// after the answer is saved the summary is brought up to the last message that turn left out,
// in the background (keepAlive) — incrementally, the summary so far and the messages left out
// since. So the first turn that leaves messages out goes without one (plain omission, as when
// the budgets refuse the call or the conversation's `summarize` switch is off), and a later one
// may send a summary a turn behind (the messages between are left out unsummarized) until the
// refresh catches up: an answer waits for no extra call, and the cost is a turn's lag.

export const summarySchema = z.object({
  text: z.string().min(1),
  /** The last message of the branch it covers (from the branch's root). */
  upToId: z.string(),
  /** Its text's estimated tokens (estimate.ts). */
  tokens: z.number().int().nonnegative(),
});
export type ConversationSummary = z.infer<typeof summarySchema>;

export function parseSummary(value: unknown): ConversationSummary | null {
  const parsed = summarySchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  return parsed.success ? parsed.data : null;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** Where the summary ends in the branch: the index of its last message, or -1 (not on this branch). */
export const summaryEnd = (summary: ConversationSummary | null, messages: readonly ChatMessage[]) =>
  summary ? messages.findIndex((m) => m.id === summary.upToId) : -1;

/** Whether the summary may be sent when the first `omitted` messages are left out: it covers only those. */
export function summaryUsable(summary: ConversationSummary | null, messages: readonly ChatMessage[], omitted: number) {
  const end = summaryEnd(summary, messages);
  return end >= 0 && end < omitted;
}

/**
 * Tokens left out past the summary's end before it is brought up to date: a long conversation
 * pays a summary call every few turns, not one each turn (the summary lags by at most this).
 */
export const REFRESH_AFTER_TOKENS = 8_000;

/** Whether a turn that leaves out the first `omitted` messages should bring the summary up to them. */
export function summaryDue(
  summary: ConversationSummary | null,
  messages: readonly ChatMessage[],
  measured: readonly { full: number }[],
  omitted: number,
): boolean {
  const end = summaryEnd(summary, messages);
  if (end >= omitted - 1) return false;
  if (end < 0) return true;
  let lag = 0;
  for (let i = end + 1; i < omitted; i++) lag += measured[i]?.full ?? 0;
  return lag >= REFRESH_AFTER_TOKENS;
}

const SUMMARY_INTRO =
  "The earlier part of this conversation is not included below, to fit the context window. A summary of it:";

/** The system prompt with the summary after it. */
export function withSummary(system: string, summary: ConversationSummary): string {
  return `${system.trim() ? `${system.trim()}\n\n` : ""}${SUMMARY_INTRO}\n\n${summary.text}`;
}

const INSTRUCTIONS = [
  "You keep a running summary of the earlier part of a conversation between a user and an assistant,",
  "so that the assistant can continue the conversation without those messages.",
  "Update the summary so far (if any) with the new messages.",
  "Keep the facts, decisions, names, numbers, code identifiers, constraints and open questions the rest of the conversation may need; leave out pleasantries.",
  "Write in the language of the conversation, in plain text, at most 300 words, with no preamble.",
].join(" ");

/** Each message contributes its text's beginning, at most this many characters. */
const MESSAGE_CHARS = 4_000;
/** The most of the messages one call summarizes (tokens); the next refresh takes the rest. */
const INPUT_TOKENS = 24_000;
/** The stored summary's text is cut here (a model that ignored the length asked for). */
const SUMMARY_CHARS = 6_000;
const SUMMARY_TIMEOUT_MS = 60_000;

/** The messages a refresh adds to the summary: after its end, up to `omitted`, within `limit` tokens (at least one). */
export function summaryInput(
  messages: readonly ChatMessage[],
  from: number,
  omitted: number,
  limit: number,
): { text: string; upTo: number } | null {
  const lines: string[] = [];
  let tokens = 0;
  let upTo = -1;
  for (let i = from; i < omitted; i++) {
    const text = textOf(messages[i]).trim();
    const cut = text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)} […]` : text;
    const line = `${messages[i].role === "user" ? "User" : "Assistant"}: ${cut}`;
    const lineTokens = estimateTokens(line);
    if (lines.length > 0 && tokens + lineTokens > limit) break;
    if (cut) lines.push(line);
    tokens += lineTokens;
    upTo = i;
  }
  return upTo < 0 || lines.length === 0 ? null : { text: lines.join("\n\n"), upTo };
}

/**
 * Brings the conversation's summary up to the `omitted` messages the turn left out: the summary
 * so far (where it is on this branch and covers only messages left out) and the messages after
 * it, as many as one call takes. Writes it with its ledger row, unless another summary was written
 * since the turn read it (`stored`); null when nothing was to be done or the budgets had no room.
 * Throws when the call fails (its row recorded).
 */
export async function refreshSummary({
  previous,
  stored = previous === null ? null : JSON.stringify(previous),
  messages,
  omitted,
  timeoutMs = SUMMARY_TIMEOUT_MS,
  ...target
}: CheapCallTarget & {
  previous: ConversationSummary | null;
  /**
   * The summary column as the turn read it (JSON text; null: none): the new summary is written
   * only if nobody wrote another meanwhile (a refresh of a later turn, or of another branch).
   */
  stored?: string | null;
  /** The branch the turn was fitted from (fit.ts), from its root. */
  messages: readonly ChatMessage[];
  omitted: number;
  timeoutMs?: number;
}): Promise<ConversationSummary | null> {
  const base = summaryUsable(previous, messages, omitted) ? previous : null;
  const from = base ? summaryEnd(base, messages) + 1 : 0;
  const { platform } = target.connection;
  const window = modelProfile(platform, cheapModel(platform, target.served, target.model))?.limits.contextWindow;
  const limit = Math.min(INPUT_TOKENS, Math.floor((window ?? INPUT_TOKENS * 3) / 3));
  const input = summaryInput(messages, from, omitted, limit);
  if (!input) return null;
  const upToId = messages[input.upTo].id;
  const written: { summary: ConversationSummary | null } = { summary: null };
  const text = await cheapCall({
    ...target,
    purpose: "summary",
    system: INSTRUCTIONS,
    prompt: `${base ? `Summary so far:\n${base.text}\n\n` : ""}New messages:\n\n${input.text}`,
    maxOutputTokens: { plain: 1024, thinking: 4096 },
    timeoutMs,
    // Raw, so that the conversation's updatedAt (its place in the list) does not move.
    before: (answer) => {
      const summary = answer.trim().slice(0, SUMMARY_CHARS);
      if (!summary) return [];
      written.summary = { text: summary, upToId, tokens: estimateTokens(summary) };
      return [
        {
          sql: 'UPDATE "Conversation" SET "summary" = ? WHERE "id" = ? AND "userId" = ? AND "summary" IS ?',
          args: [JSON.stringify(written.summary), target.conversationId, target.userId, stored],
        },
      ];
    },
  });
  return text === null ? null : written.summary;
}
