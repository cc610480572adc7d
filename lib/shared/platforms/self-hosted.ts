import { MODEL_IDS, MODELS, type ModelId } from "../catalog/models";
import type { ModelOffer, PlatformDescription } from "./types";

// Any OpenAI-compatible server, typically vLLM or SGLang running the open GLM weights. Thinking is
// switched through the GLM chat template (`chat_template_kwargs.enable_thinking`); `top_k` is an
// extra body field both servers read. The defaults are the server's (the weights'
// generation_config), so none are claimed here. The served models come from GET /v1/models.

const offer = (id: ModelId): ModelOffer => ({
  upstreamId: id,
  // The OpenAI chat completions parameters, as vLLM and SGLang accept them.
  sampling: {
    temperature: { min: 0, max: 2 },
    topP: { min: 0.01, max: 1 },
    topK: { min: 1, max: 1000 },
    presencePenalty: { min: -2, max: 2, default: 0 },
    frequencyPenalty: { min: -2, max: 2, default: 0 },
    seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
    stopSequences: { maxCount: 4, maxLength: 100 },
  },
  features: {
    thinking: MODELS[id].thinking ? "switch" : "none",
    // Needs the server started with a GLM tool parser (vLLM: --enable-auto-tool-choice).
    toolCalling: true,
    toolStreaming: true,
    webSearch: "none",
    structuredOutput: true,
    contextCache: "implicit",
    maxCandidates: 4,
  },
});

export const selfHosted: PlatformDescription = {
  id: "openai-compatible",
  label: "Self-hosted (OpenAI-compatible)",
  protocol: "openai-compatible",
  thinkingSwitch: true,
  // vLLM and SGLang generate thinking and answer as one sequence (a reasoning parser splits it):
  // max_tokens counts every generated token.
  output: { maxTokensCovers: "all", thinkingCap: "none" },
  providerOptions: ({ thinking, topK, candidates }) => ({
    openaiCompatible: {
      ...(candidates ? { n: candidates } : {}),
      // vLLM and SGLang pass these to the GLM chat template, which reads `enable_thinking`.
      ...(thinking !== undefined ? { chat_template_kwargs: { enable_thinking: thinking } } : {}),
      ...(topK !== undefined ? { top_k: topK } : {}),
    },
  }),
  // vLLM refuses a prompt over --max-model-len ("This model's maximum context length is …"),
  // SGLang likewise ("… is longer than the model's context length").
  errorKind: (_code, message) => (/context length/i.test(message) ? "prompt_too_long" : undefined),
  matches: () => true,
  defaultBaseUrl: "http://localhost:8000/v1",
  models: Object.fromEntries(MODEL_IDS.map((id) => [id, offer(id)])),
};
