import { MODEL_IDS, MODELS, type ModelId } from "../catalog/models";
import type { ErrorKind, ModelOffer, PlatformDescription } from "./types";

// Zhipu's own open platform (open.bigmodel.cn, api.z.ai): OpenAI-compatible under /api/paas/v4,
// thinking switched by `thinking.type`, tool arguments streamed with `tool_stream`. Its page for
// glm-5.1 (seed 002) gives the defaults (temperature 0.95, top_p 0.7, range 0-1) and a max_tokens
// default of only 1,024, so a turn always sends its own limit.

const DEFAULT_MAX_OUTPUT = 32_768;

const offer = (id: ModelId): ModelOffer => ({
  upstreamId: id,
  sampling: {
    temperature: { min: 0, max: 1, default: 0.95 },
    topP: { min: 0.01, max: 1, default: 0.7 },
    // Seed 002: `stop`, string or array; Zhipu's API reference allows a single stop word.
    stopSequences: { maxCount: 1, maxLength: 100 },
  },
  defaultMaxOutputTokens: Math.min(DEFAULT_MAX_OUTPUT, MODELS[id].maxOutputTokens),
  features: {
    thinking: MODELS[id].thinking ? "switch" : "none",
    toolCalling: true,
    toolStreaming: true,
    // Web search is a `web_search` tool here, whose result format no source confirms yet.
    webSearch: "none",
    structuredOutput: true,
    contextCache: "none",
    maxCandidates: 1,
  },
});

/** BigModel's numeric error codes (wire-formats.md): the HTTP status alone misleads (1113 is a 429). */
function errorKind(code: string): ErrorKind | undefined {
  const n = Number(code);
  if (n >= 1000 && n <= 1004) return "auth";
  if (n === 1113) return "balance";
  if (n === 1211) return "unsupported";
  if (n >= 1210 && n <= 1215) return "bad_request";
  if (n === 1261) return "prompt_too_long";
  if (n === 1301) return "content_filter";
  if (n === 1302 || n === 1305) return "rate_limit";
  if (n === 1304 || (n >= 1308 && n <= 1321)) return "quota";
  if (n === 1234) return "unavailable";
  return undefined;
}

export const bigmodel: PlatformDescription = {
  id: "bigmodel",
  label: "Zhipu BigModel",
  protocol: "openai-compatible",
  thinkingSwitch: true,
  // Seed 002: max_tokens goes up to the model's whole output (163,840 for glm-5.1), thinking
  // included ("set it large to avoid truncating the output mid-task"); there is no thinking budget.
  output: { maxTokensCovers: "all", thinkingCap: "none" },
  providerOptions: ({ thinking, tools, temperature }) => ({
    bigmodel: {
      ...(thinking !== undefined ? { thinking: { type: thinking ? "enabled" : "disabled" } } : {}),
      ...(tools ? { tool_stream: true } : {}),
      // Zhipu's own SDK turns sampling off rather than send a temperature of 0.
      ...(temperature === 0 ? { do_sample: false } : {}),
    },
  }),
  matches: (url) => /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/.test(url.hostname) || url.pathname.startsWith("/api/paas/"),
  defaultBaseUrl: "https://open.bigmodel.cn/api/paas/v4",
  // Zhipu's own platform serves every GLM model under its own name.
  models: Object.fromEntries(MODEL_IDS.map((id) => [id, offer(id)])),
  errorKind,
};
