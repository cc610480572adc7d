import { z } from "zod";
import { modelIdSchema } from "../catalog/models";
import { chatParametersSchema } from "../catalog/parameters";
import { systemPromptSchema } from "./presets";

// The body of POST /api/chat. The browser sends only the new user message: the history comes
// from the database, so a client cannot rewrite what the model saw before.

/** The most characters a user message may have, all its parts together. */
export const MAX_MESSAGE_CHARS = 100_000;

const tooLong = `A message can be at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters (all its parts together).`;

export const userMessageSchema = z.object({
  id: z.string().min(1).max(100),
  role: z.literal("user"),
  parts: z
    .array(z.object({ type: z.literal("text"), text: z.string() }))
    .min(1)
    .max(20)
    .refine((parts) => parts.reduce((sum, p) => sum + p.text.length, 0) <= MAX_MESSAGE_CHARS, tooLong)
    .refine((parts) => parts.some((p) => p.text.trim().length > 0), "The message is empty."),
  metadata: z.unknown().optional(),
});

const messageIdSchema = z.string().min(1).max(100);

/** The user's decision on a tool call that asked first. */
export const toolApprovalSchema = z.object({
  id: z.string().min(1).max(200),
  approved: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

/** What every turn carries: the conversation, where to send it, and its settings. */
const turnSettingsSchema = z.object({
  /** Conversation id; the browser makes one up for a new chat. */
  id: z.uuid(),
  /** The platform connection to use (lib/providers/connections). */
  connection: z.string().min(1).max(64),
  model: modelIdSchema,
  thinking: z.boolean(),
  /** Ask the platform to search the web, where it can (see the model's profile). */
  webSearch: z.boolean().default(false),
  /** Offer the built-in tools, where the platform supports tool calling. */
  tools: z.boolean().default(true),
  /** Let the platform run code for the model, where it can (Runware). */
  codeInterpreter: z.boolean().default(false),
  /** The conversation's system prompt ("" for none). */
  systemPrompt: systemPromptSchema.default(""),
  /** Sampling parameters; fitted to the platform's ranges before they are sent. */
  parameters: chatParametersSchema.default({}),
  /**
   * Send a summary of the earlier messages left out to fit the model's window (lib/chat/context/summary.ts);
   * absent: on, the default.
   */
  summarize: z.boolean().optional(),
  /** Answers to ask for at once, as versions (where the platform can give several). */
  candidates: z.number().int().min(1).max(4).default(1),
});

/** A turn's settings, all but the conversation: what the composer sets for the next messages. */
export type TurnSettings = Omit<z.infer<typeof turnSettingsSchema>, "id">;

/** Where a turn is sent: a platform connection and a model on it (what the model picker chooses). */
export type ModelSelection = Pick<TurnSettings, "connection" | "model">;

/** A new user message, after `parentId` (null: a first message, or an edit of one). */
export const submitRequestSchema = turnSettingsSchema.extend({
  trigger: z.literal("submit-message"),
  message: userMessageSchema,
  parentId: messageIdSchema.nullable().default(null),
});

/** Another answer to the user message `parentId` (lib/shared/chat/branches). */
export const regenerateRequestSchema = turnSettingsSchema.extend({
  trigger: z.literal("regenerate-message"),
  parentId: messageIdSchema,
  message: z.undefined({ error: "Name the message to answer again, and only it." }).optional(),
});

/** The user's decisions on the tool calls of answer `messageId`, which continue it (lib/shared/chat/tool-approvals). */
export const respondRequestSchema = turnSettingsSchema.extend({
  trigger: z.literal("respond-to-tools"),
  messageId: messageIdSchema,
  approvals: z.array(toolApprovalSchema).min(1, "Name the tool calls decided.").max(20),
  message: z.undefined({ error: "Decisions carry no message." }).optional(),
});

/** The body of POST /api/chat: one of the three turns, by `trigger` (a new message when it is absent). */
export const chatRequestSchema = z.preprocess(
  (body) =>
    body && typeof body === "object" && !Array.isArray(body) && !("trigger" in body)
      ? { ...body, trigger: "submit-message" }
      : body,
  z.discriminatedUnion("trigger", [submitRequestSchema, regenerateRequestSchema, respondRequestSchema]),
);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** Human-readable summary of a zod error, for the 400 response. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}
