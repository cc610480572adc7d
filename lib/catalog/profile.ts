import type {
  Features,
  NumericParameter,
  PlatformDescription,
  PlatformId,
  SamplingParameters,
} from "../providers/platforms/types";
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

/** "200K", "16K", "163.8K": token counts as people say them. */
export function compactTokens(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return `${Number.isInteger(k) ? k : Number(k.toFixed(1))}K`;
}

/** A short line for the model picker: context, output and what the model can do here. */
export function describeProfile(profile: ModelProfile): string[] {
  const f = profile.features;
  return [
    `${compactTokens(profile.limits.contextWindow)} context`,
    `${compactTokens(profile.limits.maxOutputTokens)} output`,
    ...(f.thinking === "switch" ? ["thinking"] : f.thinking === "default" ? ["thinking set by the platform"] : []),
    ...(f.toolCalling ? [f.toolStreaming ? "streamed tools" : "tools"] : []),
    ...(f.webSearch === "always"
      ? ["web search"]
      : f.webSearch === "without-thinking"
        ? ["web search (no thinking)"]
        : []),
    ...(f.structuredOutput ? ["structured output"] : []),
    ...(f.contextCache !== "none" ? ["context cache"] : []),
    ...(f.maxCandidates > 1 ? [`up to ${f.maxCandidates} candidates`] : []),
  ];
}
