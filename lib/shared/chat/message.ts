import type { UIMessage } from "ai";
import { z } from "zod";

// The shape of a chat message as the browser and the database both see it: an AI SDK UI message
// whose metadata carries status, usage and timings.

// "streaming": being written (lib/generation); "error": failed; "interrupted": its server died mid-answer.
export const MESSAGE_STATUSES = ["streaming", "done", "stopped", "error", "interrupted"] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** True when the platform reported no usage and these figures are our estimate. */
  estimated: z.boolean(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const timingsSchema = z.object({
  /** From the start of the upstream call to the first streamed token (thinking or answer). */
  ttftMs: z.number().nonnegative().nullable(),
  /** How long the model thought: first to last reasoning delta. */
  reasoningMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
});
export type Timings = z.infer<typeof timingsSchema>;

/** What an answer cost in the team's currency (the calls that had a price; `partial` if some had none). */
export const costSchema = z.object({
  micros: z.number().nonnegative(),
  currency: z.string(),
  partial: z.boolean().optional(),
});
export type Cost = z.infer<typeof costSchema>;

export const messageErrorSchema = z.object({ code: z.string(), message: z.string() });
export type MessageError = z.infer<typeof messageErrorSchema>;

/**
 * What an answer's first call sent (lib/chat/context/fit): the branch's earlier messages left out
 * to fit the model's context window, the first message sent, and the prompt's estimated tokens
 * against the window, and whether a summary of the left-out messages was sent with them
 * (lib/chat/context/summary.ts). The context meter and the "not sent" marker read it.
 */
export const contextSchema = z.object({
  omitted: z.number().int().nonnegative(),
  /** Messages sent without their tool results and thinking. */
  leaned: z.number().int().nonnegative().optional(),
  firstId: z.string().nullable(),
  tokens: z.number().int().nonnegative(),
  window: z.number().int().positive(),
  /** A summary of (some of) the messages left out was sent; its estimated tokens are in `tokens`. */
  summarized: z.boolean().optional(),
  summaryTokens: z.number().int().nonnegative().optional(),
});
export type ContextFigures = z.infer<typeof contextSchema>;

export const messageMetadataSchema = z.object({
  createdAt: z.number().optional(),
  /** The message this one follows (lib/shared/chat/branches); null for a first message. */
  parentId: z.string().nullable().optional(),
  /** Model the platform says answered. */
  model: z.string().optional(),
  /** Model the user asked for, when another one answered (a fallback). */
  requestedModel: z.string().optional(),
  status: messageStatusSchema.optional(),
  finishReason: z.string().optional(),
  usage: tokenUsageSchema.optional(),
  timings: timingsSchema.optional(),
  cost: costSchema.optional(),
  /** A monthly budget was low: the answer's output was capped to this (the smallest grant of its calls). */
  budgetCap: z.object({ outputTokens: z.number().int().nonnegative() }).optional(),
  error: messageErrorSchema.optional(),
  context: contextSchema.optional(),
});
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

/** Data parts the server adds beside the model's: how long each tool call ran (id: the call's). */
export type ChatDataParts = {
  "tool-duration": { ms: number };
  /** A tool the platform runs itself (its web search), switched on for this answer. */
  "platform-tool": { tool: "web-search" | "code-interpreter"; platform: string };
};

export type ChatMessage = UIMessage<MessageMetadata, ChatDataParts>;
export type ChatPart = ChatMessage["parts"][number];

export function textOf(message: Pick<ChatMessage, "parts">): string {
  return message.parts
    .filter((p): p is Extract<ChatPart, { type: "text" }> => p.type === "text")
    .map((p) => p.text)
    .join("");
}
