import { convertToModelMessages, type ModelMessage } from "ai";
import type { ChatMessage } from "../../shared/chat/message";
import { frozenInTests } from "../frozen-in-tests";
import { estimateTokens } from "./estimate";
import { fitContext, type Measured } from "./fit";

// A tool loop's further calls re-send the conversation with the loop's own calls and results
// after it: each is fitted again, from the estimates the first call made, with the room those
// take away. Only the loop's additions are estimated at each step (a bounded number of steps).

export interface Fitting {
  /** The whole branch, as the first call was fitted from, and its estimates. */
  all: readonly ChatMessage[];
  measured: readonly Measured[];
  window: number;
  output: number;
  fixed: number;
}

/**
 * Each message's conversion, made once: a kept branch's messages are the same objects from turn
 * to turn (lib/chat/queries/branch-cache), so a long history is converted once per server.
 */
const conversions = new WeakMap<ChatMessage, ModelMessage[]>();

/** Converts UI messages for the model as the turn does (a call cut off by Stop is not shown). */
export async function toModelMessages(messages: ChatMessage[]): Promise<ModelMessage[]> {
  const sent: ModelMessage[] = [];
  for (const message of messages) {
    let converted = conversions.get(message);
    if (!converted) {
      // One message at a time: what a message becomes does not depend on the others.
      const made = await convertToModelMessages([message], { ignoreIncompleteToolCalls: true });
      converted = frozenInTests(made.map(textAsString));
      conversions.set(message, converted);
    }
    sent.push(...converted);
  }
  return sent;
}

/**
 * The latest turn (from the last user message on) and the messages before it. The SDK checks
 * every message it is given against its schema, at each call: ~10 ms over 2,000 messages in a
 * profile of a send, a third of what a long history added to it. So it is given the latest turn
 * (what it reads: the tool approvals answered), and each step's messages are sent with the
 * earlier ones before them (prepareStep). Those are the SDK's own conversion of stored messages.
 */
export function splitAtLatestTurn(messages: ModelMessage[]): { earlier: ModelMessage[]; latest: ModelMessage[] } {
  const at = messages.findLastIndex((m) => m.role === "user");
  return at <= 0 ? { earlier: [], latest: messages } : { earlier: messages.slice(0, at), latest: messages.slice(at) };
}

/**
 * A message of one plain text part is sent as a string: the same prompt for every provider (the
 * SDK makes the part again), but the SDK's check of the prompt (a zod parse of every message, at
 * each call) takes a third of the time: 17 -> 6 ms over 2,000 messages.
 */
function textAsString(message: ModelMessage): ModelMessage {
  if (message.role !== "user" && message.role !== "assistant") return message;
  const { content } = message;
  if (typeof content === "string" || content.length !== 1) return message;
  const [part] = content;
  if (part.type !== "text" || part.providerOptions !== undefined) return message;
  return { ...message, content: part.text };
}

/**
 * The messages a further call sends when the first call's no longer fit with the loop's additions
 * (`stepMessages`: the first call's `sentCount` messages, then the additions); undefined to send
 * them as they are (they fit, or even the latest turn no longer does: the platform's refusal is
 * then worded for the user).
 */
export async function refitStep(
  fitting: Fitting,
  firstTokens: number,
  stepMessages: ModelMessage[],
  sentCount: number,
): Promise<ModelMessage[] | undefined> {
  const added = stepMessages.slice(sentCount);
  const extra = estimateTokens(JSON.stringify(added));
  if (firstTokens + extra <= fitting.window - fitting.output) return undefined;
  const fit = fitContext({ messages: fitting.all, ...fitting, extra });
  if (!fit.fits) return undefined;
  return [...(await toModelMessages(fit.messages)), ...added];
}
