import type { ChatMessage, ChatPart } from "../../shared/chat/message";
import { settleDecidedCalls } from "../../shared/chat/tool-approvals";
import { frozenInTests } from "../frozen-in-tests";
import { estimateTokens } from "./estimate";

// The part of a branch that goes upstream, fitted to the model's context window less the output
// the call may produce (thinking included). The conversation comes before a large output limit:
// it may take the output's room down to an eighth of the window (leastOutputRoom), and the call is
// then sent with the smaller limit, so that a long paste or a long conversation is kept whole
// rather than making way for an answer that rarely needs 100K tokens. The latest turn — the last user message and what
// follows it (an answer going on after tool decisions) — always goes; when even it does not fit,
// the turn is refused before anything is sent. Before that, earlier messages lose what is least
// worth their room: first, oldest first, their tool results and thinking (lean); then, oldest
// first, whole turns, so that what is sent starts at a user message. Once turns were dropped, the
// newest lean messages are given back their tool results and thinking while they still fit, so
// that lean messages are always the oldest kept.
//
// Each message is estimated once (measure), then the choice is a few walks over the estimates
// (choose): linear in the history's size. A tool loop's further calls choose again from the same
// estimates with less room, as their own results grow the turn.

/** Tokens the chat template adds per request, per message (role markers), per part beyond text. */
const PER_REQUEST = 64;
const PER_MESSAGE = 8;
const PER_PART = 8;

/** What a left-out tool result is replaced with: the call stays, so that the answer still reads. */
export const LEFT_OUT = "[Result left out to fit the model's context window.]";
const LEFT_OUT_TOKENS = estimateTokens(JSON.stringify(LEFT_OUT));

/** One message's estimate: as stored (full), and without tool results and thinking (lean). */
export interface Measured {
  role: ChatMessage["role"];
  full: number;
  lean: number;
}

/** Parts the server adds for the interface: never sent (as lib/spend/prompt-bound). */
const notSent = (type: string) => type === "step-start" || type.startsWith("data-");

function measurePart(part: ChatPart): { full: number; lean: number } {
  if (notSent(part.type)) return { full: 0, lean: 0 };
  if (part.type === "text") {
    const tokens = estimateTokens(part.text);
    return { full: tokens, lean: tokens };
  }
  if (part.type === "reasoning") return { full: estimateTokens(part.text), lean: 0 };
  // A tool part (or a file, a source): its input and its result as the request's JSON carries them.
  const { output, ...rest } = part as { output?: unknown };
  const call = PER_PART + estimateTokens(JSON.stringify(rest));
  if (output === undefined) return { full: call, lean: call };
  return { full: call + estimateTokens(JSON.stringify(output) ?? ""), lean: call + LEFT_OUT_TOKENS };
}

function measureParts(parts: readonly ChatPart[]): { full: number; lean: number } {
  let full = PER_MESSAGE;
  let lean = PER_MESSAGE;
  for (const part of parts) {
    const tokens = measurePart(part);
    full += tokens.full;
    lean += tokens.lean;
  }
  return { full, lean };
}

/** Estimates each message once. */
export function measure(messages: readonly ChatMessage[]): Measured[] {
  return messages.map((message) => ({ role: message.role, ...measureParts(message.parts) }));
}

/** A message's estimate as stored with it (Message.tokens and leanTokens). */
export interface StoredEstimate {
  tokens: number;
  leanTokens: number;
}

/**
 * The estimate stored with a message's parts when they are written, so that a turn reads it
 * rather than measuring the whole history again: measure()'s, of the parts as a later turn sends
 * them (calls decided but never run settled, lib/shared/chat/tool-approvals). Null where a turn
 * would not send the message (no parts): the reader measures what has no estimate.
 */
export function estimateMessage(parts: unknown): StoredEstimate | null {
  if (!Array.isArray(parts) || parts.length === 0) return null;
  const { full, lean } = measureParts(settleDecidedCalls(parts as ChatPart[]));
  return { tokens: full, leanTokens: lean };
}

/** The tokens of what goes with the messages: the system prompt, and the tool definitions' (given). */
export function fixedTokens(system: string, toolTokens: number): number {
  return PER_REQUEST + (system.trim() ? PER_MESSAGE + estimateTokens(system) : 0) + toolTokens;
}

/**
 * The room a call's output needs in the window: its answer limit, and its thinking where counted
 * apart — up to the chain-of-thought limit a platform documents, or else within the model's
 * output limit (the stand-in budgets use for an undocumented one would count it twice). Never more
 * than half the window: a large output limit does not leave the conversation a sliver (where a
 * platform still refuses, its refusal is worded for the user).
 */
export function outputRoom(
  output: { maxTokens: number; thinking: number },
  limits: { contextWindow: number; maxOutputTokens: number; maxThinkingTokens?: number },
): number {
  const thinking =
    limits.maxThinkingTokens !== undefined
      ? Math.min(output.thinking, limits.maxThinkingTokens)
      : Math.max(0, Math.min(output.thinking, limits.maxOutputTokens - output.maxTokens));
  return Math.min(output.maxTokens + thinking, Math.floor(limits.contextWindow / 2));
}

/**
 * The least room a call's output keeps when the conversation needs the rest: an eighth of the
 * window (25K tokens on glm-5.1), or all of `room` when that is smaller (glm-3-turbo's 4K).
 */
export function leastOutputRoom(room: number, window: number): number {
  return Math.min(room, Math.floor(window / 8));
}

/** Which messages go: from `start`, those before `leanBefore` lean. */
export interface Choice {
  start: number;
  leanBefore: number;
  /** The messages' estimated tokens as sent. */
  tokens: number;
}

/** Where the latest turn begins: its user message (everything after it belongs to it). */
export function latestTurnStart(measured: readonly Measured[]): number {
  for (let i = measured.length - 1; i >= 0; i--) if (measured[i].role === "user") return i;
  return 0;
}

/** The messages that fit in `room` tokens, or null when the latest turn alone does not. */
export function choose(measured: readonly Measured[], room: number): Choice | null {
  const keepFrom = latestTurnStart(measured);
  let total = 0;
  for (const m of measured) total += m.full;
  if (total <= room) return { start: 0, leanBefore: 0, tokens: total };
  let latest = 0;
  for (let i = keepFrom; i < measured.length; i++) latest += measured[i].full;
  if (latest > room) return null;

  // Tool results and thinking, oldest first.
  let leanBefore = 0;
  while (leanBefore < keepFrom && total > room) {
    total -= measured[leanBefore].full - measured[leanBefore].lean;
    leanBefore++;
  }
  if (total <= room) return { start: 0, leanBefore, tokens: total };

  // Whole turns, oldest first: what is sent starts at a user message (or is the latest turn).
  let start = 0;
  while (start < keepFrom && (total > room || measured[start].role !== "user")) {
    total -= measured[start].lean;
    start++;
  }
  // The newest kept messages get back what they lost, while it fits.
  leanBefore = keepFrom;
  while (leanBefore > start) {
    const back = measured[leanBefore - 1].full - measured[leanBefore - 1].lean;
    if (total + back > room) break;
    total += back;
    leanBefore--;
  }
  return { start, leanBefore, tokens: total };
}

/** Lean versions of the messages of a kept branch (lib/chat/queries/branch-cache), made once. */
const leanVersions = new WeakMap<ChatMessage, ChatMessage>();

function leanOf(message: ChatMessage): ChatMessage {
  let lean = leanVersions.get(message);
  if (!lean) {
    lean = frozenInTests(leanVersionOf(message));
    leanVersions.set(message, lean);
  }
  return lean;
}

function leanVersionOf(message: ChatMessage): ChatMessage {
  const parts: ChatPart[] = [];
  for (const part of message.parts) {
    if (part.type === "reasoning") continue;
    parts.push("output" in part && part.output !== undefined ? ({ ...part, output: LEFT_OUT } as ChatPart) : part);
  }
  // Field by field, not spread: a history message parses its parts on first read, through an
  // accessor (lib/chat/queries/turn.ts, historyMessage), and a spread of one is slow.
  return { id: message.id, role: message.role, metadata: message.metadata, parts };
}

/** The messages a choice sends. */
export function applyChoice(messages: readonly ChatMessage[], choice: Choice): ChatMessage[] {
  return messages.slice(choice.start).map((m, i) => (choice.start + i < choice.leanBefore ? leanOf(m) : m));
}

export interface ContextFit {
  /** What is sent; empty when the latest turn does not fit (`fits` false). */
  messages: ChatMessage[];
  fits: boolean;
  /** Earlier messages of the branch left out. */
  omitted: number;
  /** Messages sent without their tool results and thinking. */
  leaned: number;
  /** The whole prompt's estimated tokens: system prompt, tool definitions and messages. */
  tokens: number;
  /** The room the messages had. */
  room: number;
  /** The room left to the output: `output`, or less (down to `least`) where the messages took it. */
  output: number;
}

export interface FitRequest {
  messages: readonly ChatMessage[];
  /** Each message's estimate (measure(messages)), when already made. */
  measured?: readonly Measured[];
  /** The model's context window on the platform: prompt and output together. */
  window: number;
  /** The most the call may produce, thinking included (one answer: each answer has its own sequence). */
  output: number;
  /** The least room the output keeps, where the messages need more (default: all of `output`). */
  least?: number;
  /** fixedTokens(): the system prompt and tool definitions. */
  fixed: number;
  /** Tokens the turn has added since (a tool loop's calls and results). */
  extra?: number;
}

export function fitContext(request: FitRequest): ContextFit {
  const { messages, window, output, fixed, extra = 0 } = request;
  const measured = request.measured ?? measure(messages);
  const around = window - fixed - extra;
  const room = around - Math.min(output, request.least ?? output);
  const choice = room > 0 ? choose(measured, room) : null;
  if (!choice) return { messages: [], fits: false, omitted: 0, leaned: 0, tokens: 0, room, output };
  return {
    messages: applyChoice(messages, choice),
    fits: true,
    omitted: choice.start,
    leaned: Math.max(0, choice.leanBefore - choice.start),
    tokens: fixed + extra + choice.tokens,
    room,
    output: Math.min(output, around - choice.tokens),
  };
}
