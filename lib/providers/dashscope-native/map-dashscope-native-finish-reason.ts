import type { LanguageModelV3FinishReason } from "@ai-sdk/provider";

/**
 * A choice's finish_reason, in the OpenAI vocabulary DashScope uses. (In a stream it is the string
 * "null" until the last event; the stream leaves those out.)
 */
export function mapDashScopeNativeFinishReason(raw: string | null | undefined): LanguageModelV3FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case "stop":
      return { unified: "stop", raw: value };
    case "length":
      return { unified: "length", raw: value };
    case "tool_calls":
      return { unified: "tool-calls", raw: value };
    case "content_filter":
      return { unified: "content-filter", raw: value };
    default:
      return { unified: "other", raw: value };
  }
}
