import { z } from "zod";
import { MAX_STOP_SEQUENCES } from "../../shared/catalog/parameters";

// The body of POST /v1/messages, as Anthropic's Messages API takes it (and of count_tokens, the
// same without max_tokens). Content blocks of the kinds a text model can take are checked here;
// images, documents and server tools parse, and are refused by name when the messages are
// converted (a 400 that says which block), rather than dropped. Fields that change nothing for us
// (`metadata`, `cache_control` on blocks, `service_tier`, `container`, …) are ignored.

const MAX_TEXT = 1_000_000;
const text = z.string().max(MAX_TEXT);

const textBlock = z.looseObject({ type: z.literal("text"), text });
const thinkingBlock = z.looseObject({
  type: z.literal("thinking"),
  thinking: text,
  /** Anthropic's; ours is empty, and whatever comes back is not checked. */
  signature: z.string().max(MAX_TEXT).optional(),
});
const redactedThinkingBlock = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string().max(MAX_TEXT) });
const toolUseBlock = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1).max(256),
  name: z.string().min(1).max(256),
  input: z.unknown(),
});
/** Kinds a text model cannot take: parsed so that the refusal names them. */
const refusedBlock = z.looseObject({
  type: z.enum([
    "image",
    "document",
    "search_result",
    "server_tool_use",
    "web_search_tool_result",
    "web_fetch_tool_result",
    "code_execution_tool_result",
    "container_upload",
    "mcp_tool_use",
    "mcp_tool_result",
  ]),
});
const toolResultBlock = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1).max(256),
  content: z.union([text, z.array(z.discriminatedUnion("type", [textBlock, refusedBlock])).max(1000)]).optional(),
  is_error: z.boolean().nullish(),
});

const block = z.discriminatedUnion("type", [
  textBlock,
  thinkingBlock,
  redactedThinkingBlock,
  toolUseBlock,
  toolResultBlock,
  refusedBlock,
]);
export type AnthropicBlock = z.infer<typeof block>;

export const anthropicMessageSchema = z.object({
  /** "system": a system message mid-conversation (Claude Code sends them: beta mid-conversation-system). */
  role: z.enum(["user", "assistant", "system"]),
  content: z.union([text, z.array(block).max(10_000)]),
});
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;

const tool = z.looseObject({
  /** Client tools only ("custom", or no type); server tools are refused by name. */
  type: z.string().max(64).nullish(),
  name: z
    .string()
    .min(1)
    .max(128)
    .refine((name) => /^[A-Za-z0-9_-]+$/.test(name), "a tool name takes letters, digits, _ and -"),
  description: z.string().max(100_000).optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
});

const toolChoice = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto") }),
  z.looseObject({ type: z.literal("any") }),
  z.looseObject({ type: z.literal("none") }),
  z.looseObject({ type: z.literal("tool"), name: z.string().min(1).max(128) }),
]);

const thinking = z.discriminatedUnion("type", [
  /** The budget is not passed on: GLM's thinking has no budget of its own (max_tokens bounds it). */
  z.looseObject({ type: z.literal("enabled"), budget_tokens: z.number().int().min(0).optional() }),
  z.looseObject({ type: z.literal("adaptive") }),
  z.looseObject({ type: z.literal("disabled") }),
]);

const system = z.union([text, z.array(textBlock).max(1000)]);

const countFields = {
  model: z.string().min(1).max(200),
  messages: z.array(anthropicMessageSchema).min(1).max(10_000),
  system: system.nullish(),
  tools: z.array(tool).max(128).nullish(),
  tool_choice: toolChoice.nullish(),
  thinking: thinking.nullish(),
};

export const countTokensRequestSchema = z.looseObject(countFields);
export type CountTokensRequest = z.infer<typeof countTokensRequestSchema>;

export const messagesRequestSchema = z.looseObject({
  ...countFields,
  max_tokens: z.number().int().min(1).max(1_000_000),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  /** Sent where the platform takes it, left out where not (as the chat's parameters are). */
  top_k: z.number().int().min(1).max(1000).nullish(),
  stop_sequences: z.array(z.string().min(1).max(200)).max(MAX_STOP_SEQUENCES).nullish(),
});
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

/** The thinking switch the request asks for (undefined: the model's default). */
export function thinkingOf(body: CountTokensRequest): boolean | undefined {
  if (!body.thinking) return undefined;
  return body.thinking.type !== "disabled";
}

/** The system prompt as one text ("" when there is none). */
export function systemText(body: CountTokensRequest): string {
  const value = body.system;
  if (!value) return "";
  return typeof value === "string" ? value : value.map((b) => b.text).join("\n");
}
