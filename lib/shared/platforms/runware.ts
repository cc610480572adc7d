import type { PlatformDescription } from "./types";

// A Runware-style task API (seed 004): `textInference` tasks, not OpenAI-compatible, so it has its
// own AI SDK provider (lib/providers/runware). glm-5.1 is `zai:glm@5.1` there; maxTokens goes up
// to 131,072, temperature 0-1 (default 1), topP 0.01-1, up to four results per task, and a
// server-side `search` tool. Its errors are an `errors` array whose codes add nothing to the
// HTTP status.

export const runware: PlatformDescription = {
  id: "runware",
  label: "Runware",
  protocol: "runware",
  thinkingSwitch: true,
  // Seed 004: maxTokens is "the maximum number of tokens to generate in the response" and
  // thinkingLevel a depth, not a budget; whether thinking counts in maxTokens is not documented,
  // so the turn caps thinking on the stream.
  output: { maxTokensCovers: "answer", thinkingCap: "stream" },
  providerOptions: ({ thinking, webSearch, candidates, codeInterpreter }) => ({
    runware: {
      ...(codeInterpreter ? { codeInterpreter: true } : {}),
      // Seed 004: numberResults 1-4, "each result uses a different seed".
      ...(candidates ? { numberResults: candidates } : {}),
      // "none" is documented; the name of the other level is not in our sources ("high" assumed).
      ...(thinking !== undefined ? { thinkingLevel: thinking ? "high" : "none" } : {}),
      ...(webSearch ? { search: true } : {}),
    },
  }),
  matches: (url) => url.hostname.includes("runware"),
  // includeCost's figure: the seed names no currency; Runware bills and reports in US dollars.
  reportedCostCurrency: "USD",
  defaultBaseUrl: "https://api.runware.ai",
  models: {
    "glm-5.1": {
      upstreamId: "zai:glm@5.1",
      limits: { maxOutputTokens: 131_072 },
      sampling: {
        temperature: { min: 0, max: 1, default: 1 },
        topP: { min: 0.01, max: 1 },
        // Seed 004: settings.presencePenalty / frequencyPenalty -2..2, 0 disables; root seed;
        // settings.stopSequences at most 4, each 1-50 characters.
        presencePenalty: { min: -2, max: 2, default: 0 },
        frequencyPenalty: { min: -2, max: 2, default: 0 },
        seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
        stopSequences: { maxCount: 4, maxLength: 50 },
      },
      features: {
        thinking: "switch",
        toolCalling: true,
        toolStreaming: true,
        webSearch: "always",
        structuredOutput: true,
        contextCache: "none",
        maxCandidates: 4,
        // Seed 004: built-in tools `search` and `codeInterpreter`, run server-side by the platform.
        codeInterpreter: true,
      },
    },
  },
};
