import type { ProviderOptions } from "@ai-sdk/provider-utils";
import type { ModelId, ModelLimits } from "../catalog/models";

// What a platform module says about itself. Routes and UI never branch on a platform id: they
// read these descriptions (lib/shared/catalog/profile.ts combines them with the model catalog).

export type Protocol = "openai-compatible" | "dashscope-native" | "runware";

/** A numeric request parameter the platform accepts: its range, and its default when not sent. */
export interface NumericParameter {
  min: number;
  max: number;
  /** The platform's documented default; undefined when it documents none. */
  default?: number;
}

/** The sampling parameters a platform accepts (absent: not accepted, so never sent). */
export interface SamplingParameters {
  temperature?: NumericParameter;
  topP?: NumericParameter;
  topK?: NumericParameter;
  presencePenalty?: NumericParameter;
  frequencyPenalty?: NumericParameter;
  seed?: NumericParameter;
  /** Stop sequences: how many, and how long each may be. */
  stopSequences?: { maxCount: number; maxLength: number };
}

/** How web search is offered: not at all, or only when thinking is off, or always. */
export type WebSearchSupport = "none" | "without-thinking" | "always";
export type ContextCacheSupport = "none" | "implicit" | "explicit-and-implicit";

export interface Features {
  /** The model can think and the request can switch it ("default": it thinks by its default). */
  thinking: "switch" | "default" | "none";
  toolCalling: boolean;
  /** Tool-call arguments arrive incrementally (DashScope and BigModel `tool_stream`). */
  toolStreaming: boolean;
  webSearch: WebSearchSupport;
  structuredOutput: boolean;
  contextCache: ContextCacheSupport;
  /** How many answers one request can return (`n`, `numberResults`); 1 means no candidates. */
  maxCandidates: number;
  /** The platform runs code for the model itself (Runware's codeInterpreter tool). */
  codeInterpreter?: boolean;
}

/** One catalog model on one platform. */
export interface ModelOffer {
  /** The model's id on the platform (Runware calls glm-5.1 `zai:glm@5.1`). */
  upstreamId: string;
  /** Where the platform's own limits differ from the model's (BigModel's 163,840 output). */
  limits?: Partial<ModelLimits>;
  /** Sampling parameters this platform accepts for the model, with its defaults. */
  sampling: SamplingParameters;
  /**
   * The output limit sent when the user sets none: some platforms cut answers short by default
   * (BigModel's max_tokens defaults to 1,024).
   */
  defaultMaxOutputTokens?: number;
  features: Features;
}

/** What one turn asks of the platform, beyond the prompt. */
export interface TurnOptions {
  /** Switch thinking on or off; undefined leaves the model's default (nothing is sent). */
  thinking?: boolean;
  webSearch: boolean;
  /** Tools are offered: ask for their arguments incrementally where the platform can. */
  tools: boolean;
  topK?: number;
  /** The temperature sent, for platforms that need a switch besides it (BigModel's do_sample). */
  temperature?: number;
  /** Several answers at once (at most the model's maxCandidates); absent for one. */
  candidates?: number;
  /** Let the platform run code for the model (where it can). */
  codeInterpreter?: boolean;
  /** The most the model may think, in tokens, where the platform takes a thinking budget. */
  thinkingBudget?: number;
}

/**
 * What bounds the output of one call (per answer), so that a budget can reserve a true upper bound
 * and cap a call to what is left (lib/chat/call-settings, lib/spend/turn-budget).
 */
export interface OutputLimits {
  /**
   * What max_tokens counts: "all" that the model generates (thinking and answer are one sequence
   * under one limit), or the "answer" only (thinking is counted apart).
   */
  maxTokensCovers: "all" | "answer";
  /**
   * Where thinking is counted apart, how it is capped: a thinking-budget "parameter" the platform
   * honours (TurnOptions.thinkingBudget), or the "stream": the turn stops the answer itself once
   * the thinking received (counted in UTF-8 bytes, never fewer than its tokens) reaches its share.
   */
  thinkingCap: "parameter" | "stream" | "none";
}

export interface PlatformDescription {
  id: PlatformId;
  label: string;
  protocol: Protocol;
  /** Whether a request can switch thinking on and off (otherwise the model's default applies). */
  thinkingSwitch: boolean;
  /** What bounds a call's output here. */
  output: OutputLimits;
  /** The providerOptions for one turn, in the platform's own parameter names. */
  providerOptions(options: TurnOptions): ProviderOptions;
  /** Recognises the platform from its base URL when GLM_PLATFORM is not set. */
  matches(url: URL): boolean;
  /** Where the platform usually is (the admin form's default). */
  defaultBaseUrl: string;
  /** The catalog models the platform serves. */
  models: Partial<Record<ModelId, ModelOffer>>;
  /** The currency of the cost the platform reports per call, when it reports one (Runware). */
  reportedCostCurrency?: string;
  /** Refines an error's meaning from the platform's own code (the HTTP status gives the class). */
  errorKind?(code: string, message: string): ErrorKind | undefined;
}

export type ErrorKind =
  | "auth"
  | "balance"
  | "rate_limit"
  | "quota"
  | "prompt_too_long"
  | "content_filter"
  | "unsupported"
  | "bad_request"
  | "unavailable";

export type PlatformId = "dashscope" | "dashscope-native" | "bigmodel" | "acedata" | "runware" | "openai-compatible";
