import { z } from "zod";
import { MAX_STOP_SEQUENCES } from "../../shared/catalog/parameters";

// The body of POST /v1/chat/completions, as OpenAI's API and the GLM platforms' compatible modes
// take it. What we cannot honour is refused by name (a 400 that says which field) rather than
// dropped: a client that asked for log probabilities must not get an answer without them. Fields
// that change nothing for us (`user`, `store`, `metadata`, `parallel_tool_calls`, …) are ignored.

const MAX_TEXT = 1_000_000;
const text = z.string().max(MAX_TEXT);

/** A content part: text is taken; any other kind is refused when the messages are converted. */
const contentPart = z.looseObject({ type: z.string().max(64), text: text.optional() });
const content = z.union([text, z.array(contentPart).max(1000)]);

const toolCall = z.object({
  id: z.string().min(1).max(256),
  type: z.literal("function").default("function"),
  function: z.object({ name: z.string().min(1).max(256), arguments: z.string().max(MAX_TEXT) }),
});

export const openAIMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.enum(["system", "developer"]), content, name: z.string().max(256).optional() }),
  z.object({ role: z.literal("user"), content, name: z.string().max(256).optional() }),
  z.object({
    role: z.literal("assistant"),
    content: content.nullish(),
    /** Earlier thinking, as the GLM platforms return it. */
    reasoning_content: text.nullish(),
    tool_calls: z.array(toolCall).max(128).nullish(),
    name: z.string().max(256).optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string().min(1).max(256), content }),
]);
export type OpenAIMessage = z.infer<typeof openAIMessageSchema>;

const functionTool = z.object({
  type: z.literal("function"),
  function: z.object({
    // OpenAI's rule for function names, checked by length and characters (no pattern backtracking).
    name: z
      .string()
      .min(1)
      .max(64)
      .refine((name) => /^[A-Za-z0-9_-]+$/.test(name), "a function name takes letters, digits, _ and -"),
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(["auto", "none", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: z.string().min(1).max(64) }) }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().min(1).max(64),
      description: z.string().max(10_000).optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const stop = z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(MAX_STOP_SEQUENCES)]);

/** Refused by name: we would have to drop them silently. */
const UNSUPPORTED = [
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "audio",
  "modalities",
  "prediction",
  "functions",
] as const;

export const chatCompletionRequestSchema = z
  .looseObject({
    model: z.string().min(1).max(200),
    messages: z.array(openAIMessageSchema).min(1).max(10_000),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    n: z.number().int().min(1).max(8).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    max_tokens: z.number().int().min(1).max(1_000_000).nullish(),
    max_completion_tokens: z.number().int().min(1).max(1_000_000).nullish(),
    stop: stop.nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
    tools: z.array(functionTool).max(128).nullish(),
    tool_choice: toolChoice.nullish(),
    response_format: responseFormat.nullish(),
    /** DashScope's switch. */
    enable_thinking: z.boolean().nullish(),
    /** BigModel's switch. */
    thinking: z.object({ type: z.enum(["enabled", "disabled"]) }).nullish(),
    /** OpenAI's: "none" and "minimal" switch thinking off, the others on (GLM has no levels). */
    reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high"]).nullish(),
  })
  .superRefine((body, ctx) => {
    for (const field of UNSUPPORTED) {
      const value = (body as Record<string, unknown>)[field];
      if (value !== undefined && value !== null && value !== false) {
        ctx.addIssue({ code: "custom", path: [field], message: `${field} is not supported by this API.` });
      }
    }
  });
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** The thinking switch the request asks for, whichever way it says it (undefined: the model's default). */
export function thinkingOf(body: ChatCompletionRequest): boolean | undefined {
  if (body.enable_thinking !== undefined && body.enable_thinking !== null) return body.enable_thinking;
  if (body.thinking) return body.thinking.type === "enabled";
  if (body.reasoning_effort) return body.reasoning_effort !== "none" && body.reasoning_effort !== "minimal";
  return undefined;
}

/** The first problem of a body the schema refused, as one line naming the field. */
export function describeIssue(error: z.ZodError): { message: string; param: string | null } {
  const issue = error.issues[0];
  const param = issue?.path.length
    ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("")
    : null;
  return {
    message: param ? `${param}: ${issue.message}` : (issue?.message ?? "The request body is not valid."),
    param,
  };
}
