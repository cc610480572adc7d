import { z } from "zod";
import { platformErrorHandler } from "../shared/http";

// The wire shapes of a Runware-style task API for `taskType: textInference`: the messages and
// tools a task carries, the chunks of a streamed answer, a synchronous answer, and the `errors`
// array the platform reports failures with.
// Tools, as Runware's SDKs send them: definitions `{type: "function", name, description, schema}`
// and `toolChoice` at the task's root, the assistant's calls as `tools: [{id, name, input}]` on its
// message, results as `{role: "tool", id, content}`. How a response carries a call is not
// documented; it is read here in the request's own shape (`tools: [{id, name, input}]` on a sync
// result or a stream delta). Unverified, kept in one place (runwareToolCallSchema) so it is easy
// to change.

export type RunwareMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; tools?: { id: string; name: string; input: unknown }[] }
  | { role: "tool"; id: string; content: string };

/** A function the model may call, or one of the platform's server-side tools. */
export type RunwareTool =
  | { type: "function"; name: string; description: string | undefined; schema: unknown }
  | { type: "search" }
  | { type: "codeInterpreter" };

export type RunwareToolChoice = { type: "tool"; name: string } | { type: "auto" | "none" | "any" };

/** A function call in a response, in the shape requests use (unverified, see above). */
export const runwareToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  input: z.unknown().optional(),
  arguments: z.string().optional(),
});
export type RunwareToolCall = z.infer<typeof runwareToolCallSchema>;

export const runwareUsageSchema = z
  .object({
    promptTokens: z.number().optional(),
    completionTokens: z.number().optional(),
    totalTokens: z.number().optional(),
    thinkingTokens: z.number().optional(),
  })
  .nullish();
export type RunwareUsage = z.infer<typeof runwareUsageSchema>;

export const runwareErrorsSchema = z.object({
  errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })),
});

/** One `data:` line of a streamed task; the last has an empty delta, the finish reason, usage and cost. */
export const runwareChunkSchema = z.object({
  taskUUID: z.string().optional(),
  delta: z
    .object({
      text: z.string().optional(),
      reasoningContent: z.string().optional(),
      tools: z.array(runwareToolCallSchema).optional(),
    })
    .optional(),
  finishReason: z.string().nullish(),
  resultIndex: z.number().optional(),
  usage: runwareUsageSchema,
  cost: z.number().nullish(),
});

/** The answer to a task sent with deliveryMethod "sync". */
export const runwareSyncResponseSchema = z.object({
  data: z.array(
    z.object({
      taskUUID: z.string().optional(),
      text: z.string().nullish(),
      // A string, or a list of strings in some SDK versions.
      reasoningContent: z.union([z.string(), z.array(z.string())]).nullish(),
      tools: z.array(runwareToolCallSchema).nullish(),
      finishReason: z.string().nullish(),
      usage: runwareUsageSchema,
      cost: z.number().nullish(),
    }),
  ),
});

/** A failed response: its `errors` array's first code and message, as an APICallError. */
export const runwareFailedResponseHandler = platformErrorHandler((json) => {
  const first = runwareErrorsSchema.parse(json).errors[0];
  return [first?.code, first?.message].filter(Boolean).join(": ");
});
