import type { FinishReason } from "ai";
import type { TokenUsage } from "../../shared/chat/message";

// The non-streamed answer of POST /v1/messages (a `message` object, its content blocks in the
// order they came: thinking, text, tool_use), and the pieces the streamed events share with it:
// usage and stop reasons in Anthropic's words.

export type AnthropicContentBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown };

export interface AnthropicUsage {
  /** Anthropic's input_tokens leave out what was read from the cache. */
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export function anthropicUsage(usage: TokenUsage): AnthropicUsage {
  const cached = usage.cachedInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cached),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

export type AnthropicStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal";

/**
 * The AI SDK's finish reason in Anthropic's words. The GLM platforms say "stop" whether the
 * answer ended or met a stop sequence: it is end_turn either way (stop_sequence is never sent).
 */
export function anthropicStopReason(reason: FinishReason | null | undefined): AnthropicStopReason {
  switch (reason) {
    case "length":
      return "max_tokens";
    case "tool-calls":
      return "tool_use";
    case "content-filter":
      return "refusal";
    default:
      return "end_turn";
  }
}

export interface AnthropicMessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: AnthropicUsage;
}

export function messageOf(
  meta: { id: string; model: string },
  content: AnthropicContentBlock[],
  finishReason: FinishReason | null,
  usage: TokenUsage,
): AnthropicMessageResponse {
  return {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content,
    stop_reason: anthropicStopReason(finishReason),
    stop_sequence: null,
    usage: anthropicUsage(usage),
  };
}
