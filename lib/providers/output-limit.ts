import type { LanguageModelV3Middleware } from "@ai-sdk/provider";

/**
 * Keeps a call's output limit within what the model answers with: a fallback model may have a
 * lower limit than the model the turn was fitted to (glm-5.1's 163,840 against glm-4.7's 16,384).
 */
export function outputLimit(max: number): LanguageModelV3Middleware {
  return {
    specificationVersion: "v3",
    transformParams: async ({ params }) =>
      params.maxOutputTokens !== undefined && params.maxOutputTokens > max
        ? { ...params, maxOutputTokens: max }
        : params,
  };
}
