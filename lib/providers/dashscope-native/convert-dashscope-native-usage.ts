import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { DashScopeNativeUsage } from "./dashscope-native-api";

/** DashScope's usage: output_tokens include the reasoning tokens, input_tokens the cached ones. */
export function convertDashScopeNativeUsage(usage: DashScopeNativeUsage): LanguageModelV3Usage {
  const input = usage?.input_tokens;
  const output = usage?.output_tokens;
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  const reasoning = usage?.output_tokens_details?.reasoning_tokens;
  return {
    inputTokens: {
      total: input,
      noCache: input !== undefined && cached !== undefined ? input - cached : input,
      cacheRead: cached,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: output,
      text: output !== undefined && reasoning !== undefined ? output - reasoning : output,
      reasoning,
    },
    ...(usage ? { raw: usage as Record<string, number> } : {}),
  };
}
