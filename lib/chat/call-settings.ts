import type { LanguageModelV3Middleware } from "@ai-sdk/provider";
import type { ProviderOptions } from "@ai-sdk/provider-utils";
import { type ChatParameters, fitParameters } from "../catalog/parameters";
import type { ModelProfile } from "../catalog/profile";
import type { PlatformDescription } from "../providers/platforms";

// What one call to a model sends besides the prompt, from the conversation's switches and
// parameters fitted to that model on that platform. Thinking is only switched where a request can
// switch it; web search only where the platform allows it (DashScope: not while thinking); tools
// only where the platform has tool calling. A fallback model gets its own settings, not the
// requested model's (glm-3-turbo cannot be asked to think).

export interface TurnSwitches {
  thinking: boolean;
  webSearch: boolean;
  tools: boolean;
  /** Let the platform run code (where it can). */
  codeInterpreter?: boolean;
  parameters: ChatParameters;
  /** How many answers to ask for at once (1 unless the platform can give several). */
  candidates?: number;
}

export interface CallSettings {
  tools: boolean;
  /** Answers asked for at once: more than one only where the model can give several. */
  candidates: number;
  /** The platform is asked to search the web itself. */
  webSearch: boolean;
  /** The platform is asked to run code itself. */
  codeInterpreter: boolean;
  /** The model thinks (switched on, or by its platform's default). */
  thinks: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  stopSequences?: string[];
  providerOptions: ProviderOptions;
}

export function callSettings(platform: PlatformDescription, profile: ModelProfile, turn: TurnSwitches): CallSettings {
  const { features } = profile;
  const thinkingSent = features.thinking === "switch" ? turn.thinking : undefined;
  // Where the platform decides, the model is taken to think (the cautious case for web search).
  const thinks = thinkingSent ?? features.thinking === "default";
  const webSearch =
    turn.webSearch && (features.webSearch === "always" || (features.webSearch === "without-thinking" && !thinks));
  const candidates = Math.max(1, Math.min(turn.candidates ?? 1, features.maxCandidates));
  // One answer runs a tool loop; several answers at once are plain answers.
  const tools = turn.tools && features.toolCalling && candidates === 1;
  const { values } = fitParameters(turn.parameters, profile);
  const codeInterpreter = Boolean(turn.codeInterpreter && features.codeInterpreter);
  return {
    tools,
    candidates,
    webSearch,
    codeInterpreter,
    thinks,
    temperature: values.temperature,
    topP: values.topP,
    maxOutputTokens: values.maxOutputTokens ?? profile.maxOutputTokens.default,
    presencePenalty: values.presencePenalty,
    frequencyPenalty: values.frequencyPenalty,
    seed: values.seed,
    stopSequences: values.stopSequences,
    providerOptions: platform.providerOptions({
      thinking: thinkingSent,
      webSearch,
      tools: tools && features.toolStreaming,
      topK: values.topK,
      temperature: values.temperature,
      candidates: candidates > 1 ? candidates : undefined,
      codeInterpreter,
    }),
  };
}

/**
 * The most output tokens one request may produce: the limit asked for (or the model's), its
 * longest thinking where that is counted apart, for every answer asked for.
 */
export function mostOutputTokens(settings: CallSettings, profile: ModelProfile): number {
  const answer = settings.maxOutputTokens ?? profile.maxOutputTokens.max;
  const thinking = settings.thinks ? (profile.limits.maxThinkingTokens ?? 0) : 0;
  return (answer + thinking) * settings.candidates;
}

/** The call options a model call takes from the settings (streamText's and a fallback's alike). */
export function samplingOf(settings: CallSettings) {
  const { temperature, topP, maxOutputTokens, presencePenalty, frequencyPenalty, seed, stopSequences } = settings;
  return { temperature, topP, maxOutputTokens, presencePenalty, frequencyPenalty, seed, stopSequences };
}

/** Makes a (fallback) model's calls use its own settings. */
export function withCallSettings(settings: CallSettings): LanguageModelV3Middleware {
  return {
    specificationVersion: "v3",
    transformParams: async ({ params }) => ({
      ...params,
      ...samplingOf(settings),
      providerOptions: settings.providerOptions,
      ...(settings.tools ? {} : { tools: undefined, toolChoice: undefined }),
    }),
  };
}
