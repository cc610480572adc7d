import type { ModelId } from "../catalog/models";
import type { ErrorKind, Features, ModelOffer, PlatformDescription, TurnOptions } from "./types";

// Alibaba Cloud's DashScope (Qwen Cloud internationally, Model Studio in mainland China), in its
// two API styles: OpenAI-compatible (`/compatible-mode/v1`) and native (`/api/v1/...`). Both take
// the same switches (`enable_thinking`, `enable_search`, `tool_stream`, `top_k`) and report the
// same error codes. Limits, defaults and features: seeds 000 (glm-5.1) and 001 (glm-5, 4.7, 4.6).

const sampling = {
  temperature: { min: 0, max: 1.99, default: 1.0 },
  topP: { min: 0.01, max: 1, default: 0.95 },
  topK: { min: 1, max: 100, default: 20 },
};

const features = (own: Pick<Features, "structuredOutput" | "contextCache">): Features => ({
  thinking: "switch",
  toolCalling: true,
  toolStreaming: true,
  webSearch: "without-thinking",
  maxCandidates: 1,
  ...own,
});

const models: Partial<Record<ModelId, ModelOffer>> = {
  // The international page lists no structured output for glm-5.1, and both cache kinds.
  "glm-5.1": {
    upstreamId: "glm-5.1",
    sampling,
    features: features({ structuredOutput: false, contextCache: "explicit-and-implicit" }),
  },
  "glm-5": { upstreamId: "glm-5", sampling, features: features({ structuredOutput: true, contextCache: "implicit" }) },
  "glm-4.7": { upstreamId: "glm-4.7", sampling, features: features({ structuredOutput: true, contextCache: "none" }) },
  "glm-4.6": { upstreamId: "glm-4.6", sampling, features: features({ structuredOutput: true, contextCache: "none" }) },
};

function providerOptions({ thinking, webSearch, tools, topK, thinkingBudget }: TurnOptions) {
  return {
    dashscope: {
      ...(thinking !== undefined ? { enable_thinking: thinking } : {}),
      ...(thinkingBudget !== undefined ? { thinking_budget: thinkingBudget } : {}),
      ...(webSearch ? { enable_search: true } : {}),
      ...(tools ? { tool_stream: true } : {}),
      ...(topK !== undefined ? { top_k: topK } : {}),
    },
  };
}

function errorKind(code: string, message: string): ErrorKind | undefined {
  if (/^invalid_?api_?key$/i.test(code)) return "auth";
  if (/^arrearage$/i.test(code)) return "balance";
  if (/data_?inspection_?failed/i.test(code)) return "content_filter";
  if (/^throttling|^limit_requests/i.test(code)) return "rate_limit";
  if (/range of input length/i.test(message)) return "prompt_too_long";
  return undefined;
}

const isDashScopeHost = (url: URL) => url.hostname.includes("dashscope");

export const dashscope: PlatformDescription = {
  id: "dashscope",
  label: "DashScope",
  protocol: "openai-compatible",
  thinkingSwitch: true,
  // Seed 001 gives the chain of thought and the response limits apart (32,768 and 16,384 for
  // glm-5): max_tokens caps the response, `thinking_budget` the thinking (both API styles).
  output: { maxTokensCovers: "answer", thinkingCap: "parameter" },
  providerOptions,
  matches: (url) => url.pathname.startsWith("/compatible-mode/"),
  defaultBaseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
  models,
  errorKind,
};

export const dashscopeNative: PlatformDescription = {
  ...dashscope,
  id: "dashscope-native",
  protocol: "dashscope-native",
  // The API root of a region (https://dashscope-intl.aliyuncs.com), optionally with /api/v1.
  matches: (url) => isDashScopeHost(url) && /^\/(api\/v1\/?)?$/.test(url.pathname),
  defaultBaseUrl: "https://dashscope-intl.aliyuncs.com",
};
