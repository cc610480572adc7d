import type {
  Features,
  NumericParameter,
  PlatformDescription,
  PlatformId,
  SamplingParameters,
} from "../platforms/types";
import { MODELS, type ModelId, type ModelLimits } from "./models";

// One model on one platform, as the UI offers it and a turn sends it: the model's limits with the
// platform's own on top, the sampling parameters the platform accepts with its defaults, and the
// features it supports for that model. Plain data, so that it can be sent to the browser.

export interface ModelProfile {
  model: ModelId;
  label: string;
  platform: PlatformId;
  platformLabel: string;
  limits: ModelLimits;
  sampling: SamplingParameters;
  /** The answer's token limit: at most the model's output limit on this platform. */
  maxOutputTokens: NumericParameter;
  features: Features;
}

export function modelProfile(platform: PlatformDescription, model: ModelId): ModelProfile | undefined {
  const offer = platform.models[model];
  if (!offer) return undefined;
  const info = MODELS[model];
  const limits: ModelLimits = {
    contextWindow: offer.limits?.contextWindow ?? info.contextWindow,
    maxInputTokens: offer.limits?.maxInputTokens ?? info.maxInputTokens,
    maxThinkingTokens: offer.limits?.maxThinkingTokens ?? info.maxThinkingTokens,
    maxOutputTokens: offer.limits?.maxOutputTokens ?? info.maxOutputTokens,
  };
  return {
    model,
    label: info.label,
    platform: platform.id,
    platformLabel: platform.label,
    limits,
    sampling: offer.sampling,
    maxOutputTokens: { min: 1, max: limits.maxOutputTokens, default: offer.defaultMaxOutputTokens },
    features: offer.features,
  };
}

/** "200K", "16K", "163.8K": token counts as people say them, in the interface's language. */
export function compactTokens(n: number, locale = "en"): string {
  const number = (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 1, useGrouping: false });
  return n < 1000 ? number(n) : `${number(n / 1000)}K`;
}

/**
 * One thing the model picker says about a model here. Data rather than English words, so that the
 * interface words it in the user's language (messages: composer.features).
 */
export type ProfileFeature =
  | { feature: "context" | "output"; tokens: number }
  | { feature: "candidates"; count: number }
  | {
      feature:
        | "thinking"
        | "thinkingByPlatform"
        | "tools"
        | "streamedTools"
        | "webSearch"
        | "webSearchWithoutThinking"
        | "structuredOutput"
        | "contextCache"
        | "codeInterpreter";
    };

/** A short line for the model picker: context, output and what the model can do here. */
export function describeProfile(profile: ModelProfile): ProfileFeature[] {
  const f = profile.features;
  return [
    { feature: "context", tokens: profile.limits.contextWindow },
    { feature: "output", tokens: profile.limits.maxOutputTokens },
    ...(f.thinking === "switch"
      ? [{ feature: "thinking" } as const]
      : f.thinking === "default"
        ? [{ feature: "thinkingByPlatform" } as const]
        : []),
    ...(f.toolCalling ? [{ feature: f.toolStreaming ? "streamedTools" : "tools" } as const] : []),
    ...(f.webSearch === "always"
      ? [{ feature: "webSearch" } as const]
      : f.webSearch === "without-thinking"
        ? [{ feature: "webSearchWithoutThinking" } as const]
        : []),
    ...(f.structuredOutput ? [{ feature: "structuredOutput" } as const] : []),
    ...(f.contextCache !== "none" ? [{ feature: "contextCache" } as const] : []),
    ...(f.codeInterpreter ? [{ feature: "codeInterpreter" } as const] : []),
    ...(f.maxCandidates > 1 ? [{ feature: "candidates", count: f.maxCandidates } as const] : []),
  ];
}
