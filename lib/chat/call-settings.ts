import type { LanguageModelV3Middleware } from "@ai-sdk/provider";
import type { ProviderOptions } from "@ai-sdk/provider-utils";
import { type ChatParameters, fitParameters } from "../shared/catalog/parameters";
import type { ModelProfile } from "../shared/catalog/profile";
import type { PlatformDescription } from "../shared/platforms";

// What one call to a model sends besides the prompt, from the conversation's switches and
// parameters fitted to that model on that platform. Thinking is only switched where a request can
// switch it; web search only where the platform allows it (DashScope: not while thinking); tools
// only where the platform has tool calling. A fallback model gets its own settings, not the
// requested model's (glm-3-turbo cannot be asked to think).
//
// Under a budget, a call is granted an output limit (lib/spend/turn-budget): the settings then cap
// what the call can produce to it, with the platform's own parameters (max_tokens, and the
// thinking budget where thinking is counted apart), so that the call cannot spend more than it
// holds. Where a platform cannot cap thinking, the turn stops the stream at its share.

export interface TurnSwitches {
  /** Unset (API calls that do not say): the platform's default, counted as thinking. */
  thinking: boolean | undefined;
  webSearch: boolean;
  tools: boolean;
  /** Let the platform run code (where it can). */
  codeInterpreter?: boolean;
  parameters: ChatParameters;
  /** How many answers to ask for at once (1 unless the platform can give several). */
  candidates?: number;
}

/** What one call may produce, per answer, and how it is bounded (lib/shared/platforms: OutputLimits). */
export interface OutputPlan {
  candidates: number;
  /** max_tokens: thinking included where the platform counts it there. */
  maxTokens: number;
  /** Thinking counted apart from max_tokens, at most (0: no thinking, or counted in max_tokens). */
  thinking: number;
  /** How that thinking is held to it: the platform's thinking budget, or the turn on the stream. */
  thinkingCap: "parameter" | "stream" | "none";
}

/** The most output tokens a call may produce, all answers together. */
export const outputTokensOf = (plan: OutputPlan) => (plan.maxTokens + plan.thinking) * plan.candidates;

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
  /** The output the call may produce (capped to its grant, when it has one). */
  output: OutputPlan;
}

/**
 * The call's settings; with a grant (the output a budget allows the call, all answers together),
 * its output limits are capped to it: max_tokens, and thinking where the platform counts it apart.
 */
export function callSettings(
  platform: PlatformDescription,
  profile: ModelProfile,
  turn: TurnSwitches,
  grant?: number,
): CallSettings {
  const { features } = profile;
  const thinkingSent = features.thinking === "switch" ? turn.thinking : undefined;
  // Where the platform decides, the model is taken to think (the cautious case for web search).
  const thinks = thinkingSent ?? features.thinking !== "none";
  const webSearch =
    turn.webSearch && (features.webSearch === "always" || (features.webSearch === "without-thinking" && !thinks));
  const candidates = Math.max(1, Math.min(turn.candidates ?? 1, features.maxCandidates));
  // One answer runs a tool loop; several answers at once are plain answers.
  const tools = turn.tools && features.toolCalling && candidates === 1;
  const { values } = fitParameters(turn.parameters, profile);
  const codeInterpreter = Boolean(turn.codeInterpreter && features.codeInterpreter);
  const output = outputPlan(platform, profile, {
    thinks,
    candidates,
    maxTokens: values.maxOutputTokens ?? profile.maxOutputTokens.default ?? profile.maxOutputTokens.max,
    grant,
  });
  return {
    tools,
    candidates,
    webSearch,
    codeInterpreter,
    thinks,
    temperature: values.temperature,
    topP: values.topP,
    // Without a grant, as asked (unset: the platform's default); with one, always the capped limit.
    maxOutputTokens:
      grant === undefined ? (values.maxOutputTokens ?? profile.maxOutputTokens.default) : output.maxTokens,
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
      thinkingBudget:
        grant !== undefined && output.thinkingCap === "parameter" && output.thinking > 0 ? output.thinking : undefined,
    }),
    output,
  };
}

function outputPlan(
  platform: PlatformDescription,
  profile: ModelProfile,
  { thinks, candidates, maxTokens, grant }: { thinks: boolean; candidates: number; maxTokens: number; grant?: number },
): OutputPlan {
  // Thinking counted apart: as long as the platform allows (where no platform documents a chain
  // of thought limit, the model's whole output limit stands in for it).
  const apart = thinks && platform.output.maxTokensCovers === "answer";
  const thinking = apart ? (profile.limits.maxThinkingTokens ?? profile.limits.maxOutputTokens) : 0;
  const thinkingCap = !apart ? "none" : platform.output.thinkingCap === "parameter" ? "parameter" : "stream";
  const perAnswer = grant === undefined ? Number.POSITIVE_INFINITY : Math.floor(grant / candidates);
  if (perAnswer >= maxTokens + thinking) return { candidates, maxTokens, thinking, thinkingCap };
  // Capped: the answer keeps what was asked for it up to half of the grant (more when thinking
  // needs less), thinking gets the rest. Thinking held on the stream is counted in bytes, several
  // a token: it gets three quarters, so that it can run about as long as the answer.
  const answerShare = thinkingCap === "stream" ? Math.ceil(perAnswer / 4) : Math.ceil(perAnswer / 2);
  const answer = thinking === 0 ? perAnswer : Math.min(maxTokens, Math.max(answerShare, perAnswer - thinking));
  return {
    candidates,
    maxTokens: Math.max(1, answer),
    thinking: Math.max(0, Math.min(thinking, perAnswer - answer)),
    thinkingCap,
  };
}

/** The call options a model call takes from the settings (streamText's and a fallback's alike). */
export function samplingOf(settings: CallSettings) {
  const { temperature, topP, maxOutputTokens, presencePenalty, frequencyPenalty, seed, stopSequences } = settings;
  return { temperature, topP, maxOutputTokens, presencePenalty, frequencyPenalty, seed, stopSequences };
}

/** Makes a (fallback) model's calls use its own settings (read at each call: a grant may change them). */
export function withCallSettings(settings: CallSettings | (() => CallSettings)): LanguageModelV3Middleware {
  return {
    specificationVersion: "v3",
    transformParams: async ({ params }) => {
      const own = typeof settings === "function" ? settings() : settings;
      return {
        ...params,
        ...samplingOf(own),
        providerOptions: own.providerOptions,
        ...(own.tools ? {} : { tools: undefined, toolChoice: undefined }),
      };
    },
  };
}

/**
 * Holds a call's thinking to its share where the platform cannot cap it (thinkingCap "stream"):
 * counts the thinking's UTF-8 bytes, never fewer than the tokens they encode, and stops the
 * call (its `signal`) once they reach the share. `current` is read at each delta: a tool loop's
 * further calls have their own grants; `reset` starts each call's count.
 */
export class ThinkingGuard {
  private bytes = 0;
  private readonly stop = new AbortController();
  readonly signal = this.stop.signal;

  constructor(
    private readonly current: () => { settings: CallSettings; budgeted: boolean },
    /** Told the share (tokens, all answers) when it is reached, before the call is stopped. */
    private readonly onCap: (tokens: number) => void,
  ) {}

  reset(): void {
    this.bytes = 0;
  }

  readonly see = (text: string): void => {
    const { settings, budgeted } = this.current();
    const { output } = settings;
    if (!budgeted || output.thinkingCap !== "stream" || this.signal.aborted) return;
    this.bytes += Buffer.byteLength(text, "utf8");
    const most = output.thinking * output.candidates;
    if (this.bytes >= most) {
      this.onCap(most);
      this.stop.abort();
    }
  };
}
