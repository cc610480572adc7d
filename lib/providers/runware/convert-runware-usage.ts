import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { RunwareUsage } from "./runware-api";

/** A task's usage: completionTokens include the thinkingTokens; nothing is reported as cached. */
export function convertRunwareUsage(usage: RunwareUsage): LanguageModelV3Usage {
  const reasoning = usage?.thinkingTokens;
  const output = usage?.completionTokens;
  return {
    inputTokens: {
      total: usage?.promptTokens,
      noCache: usage?.promptTokens,
      cacheRead: undefined,
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
