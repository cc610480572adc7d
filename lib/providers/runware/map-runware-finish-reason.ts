import type { LanguageModelV3FinishReason } from "@ai-sdk/provider";

/**
 * A task's finishReason. Runware documents "stop" and "length"; how it names a tool call or a
 * filtered answer is not documented, so both the camelCase of its API and the snake_case of the
 * OpenAI-style platforms are read (and "tool_use").
 */
export function mapRunwareFinishReason(raw: string | null | undefined): LanguageModelV3FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case "stop":
      return { unified: "stop", raw: value };
    case "length":
      return { unified: "length", raw: value };
    case "tool_calls":
    case "toolCalls":
    case "tool_use":
      return { unified: "tool-calls", raw: value };
    case "content_filter":
    case "contentFilter":
      return { unified: "content-filter", raw: value };
    default:
      return { unified: "other", raw: value };
  }
}
