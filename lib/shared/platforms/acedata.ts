import { MODELS, type ModelId } from "../catalog/models";
import type { ErrorKind, ModelOffer, PlatformDescription } from "./types";

// AceData Cloud's GLM chat completions (seed 003): OpenAI-compatible at /glm/chat/completions,
// `n` candidates, errors as {trace_id, error: {code, message}}. It documents no thinking switch
// (its models think by their default), temperature 0-2, and no defaults.

const offer = (id: ModelId): ModelOffer => ({
  upstreamId: id,
  // Seed 003 documents `stop` (custom stop sequences) beside temperature and top_p.
  sampling: {
    temperature: { min: 0, max: 2 },
    topP: { min: 0.01, max: 1 },
    stopSequences: { maxCount: 4, maxLength: 100 },
  },
  features: {
    thinking: MODELS[id].thinking ? "default" : "none",
    // The body is the OpenAI one, tools included; arguments are not documented as streamed.
    toolCalling: true,
    toolStreaming: false,
    webSearch: "none",
    structuredOutput: false,
    contextCache: "none",
    // `n` is documented without a maximum; four keeps a turn's cost predictable.
    maxCandidates: 4,
  },
});

const CODES: Record<string, ErrorKind> = {
  token_mismatched: "bad_request",
  api_not_implemented: "unsupported",
  invalid_token: "auth",
  too_many_requests: "rate_limit",
  api_error: "unavailable",
};

export const acedata: PlatformDescription = {
  id: "acedata",
  label: "AceData Cloud",
  protocol: "openai-compatible",
  thinkingSwitch: false,
  // Seed 003: max_tokens "limits the tokens in a single reply"; whether thinking counts in it is
  // not documented, and there is no thinking budget: the turn caps thinking on the stream.
  output: { maxTokensCovers: "answer", thinkingCap: "stream" },
  // Seed 003: `n`, "how many candidate replies to generate at once" (whether it is honoured is
  // unverified; with one reply back, the others are simply not there).
  providerOptions: ({ candidates }) => ({ acedata: candidates ? { n: candidates } : {} }),
  matches: (url) => url.hostname.includes("acedata") || url.pathname.startsWith("/glm"),
  defaultBaseUrl: "https://api.acedata.cloud/glm",
  models: Object.fromEntries(
    (["glm-5.1", "glm-4.7", "glm-4.6", "glm-4.5-air", "glm-3-turbo"] as const).map((id) => [id, offer(id)]),
  ),
  errorKind: (code) => CODES[code],
};
