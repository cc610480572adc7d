import type { LanguageModelUsage, ProviderMetadata, TextStreamPart, ToolSet } from "ai";
import type { AppError } from "../errors";
import type { MessageMetadata, MessageStatus, Timings, TokenUsage } from "../shared/chat/message";
import { sumUsage } from "../shared/chat/stored-message";
import { toolResultsBound } from "../spend/prompt-bound";
import { countTokens, loadTokenizer } from "../spend/tokens";
import type { Candidate } from "./candidates";

// Watches one streamed answer go by (no I/O, no per-chunk work beyond a few comparisons) and
// knows, at the end, its status, timings and usage: exact when the platform reported it,
// estimated when the stream was stopped or broke before the usage chunk. An answer with tool
// calls has several steps (one upstream call each): the steps that finished keep their exact
// usage, and only the one cut off is estimated: its whole prompt (the conversation as sent, tool
// definitions included, or the previous step's figures and the tool results), and all it
// received, every answer of a call that asked for several. An estimate never passes what the
// call held (its prompt bound and output grant): the platform could not have produced more.

type Chunk = TextStreamPart<ToolSet> | { type: "text-delta" | "reasoning-delta"; text: string };

/** One upstream call of the turn (a step of its tool loop): one ledger row. */
export interface RecordedCall {
  usage: TokenUsage;
  /** Model id the platform reported for this call. */
  answeredModel: string | null;
  /** Wall-clock start of the call: time-of-day multipliers and monthly periods go by it. */
  startedAt: Date;
  /** What the platform said the call cost, in its own currency (Runware's includeCost). */
  reportedCost?: number;
  /** The output a budget capped the call to (all its answers), when it did. */
  outputCap?: number;
}

/** What a call held when it was sent: its prompt bound and output limit, and whether a budget capped it. */
export interface StepBound {
  promptTokens: number;
  outputTokens: number;
  capped: boolean;
}

export class TurnRecorder {
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  /** Thinking time: the runs that ended, and the run under way (thinking stops for tools). */
  private reasoningMs: number | null = null;
  private reasoningRun: { from: number; to: number } | null = null;
  private endedAt: number | null = null;
  private usage: LanguageModelUsage | null = null;
  /** The steps that finished, each an upstream call. */
  private readonly steps: RecordedCall[] = [];
  /** A step was sent upstream and has not finished (the stream may end inside it). */
  private stepUnderway = false;
  /** Wall-clock start of the step under way. */
  private stepStartedAt: Date;
  private readonly clock: () => Date;
  finishReason: string | null = null;
  answeredModel: string | null = null;
  error: AppError | null = null;
  /** What the current step received, for an estimate when no usage arrives. */
  private reasoningText = "";
  private answerText = "";
  /** Tool results of the step that finished last: part of the next step's prompt. */
  private toolResults: unknown[] = [];
  private pendingToolResults: unknown[] = [];
  /** What the step under way held, and what the last finished one did. */
  private stepBound: StepBound | null = null;
  private lastBound: StepBound | null = null;

  private readonly now: () => number;
  private readonly requestedModel?: string;
  private readonly toCatalogId: (answered: string) => string | undefined;
  private readonly others: () => Pick<Candidate, "reasoning" | "text">[];
  private promptText: string;
  private readonly prompt?: () => Promise<string>;

  constructor(
    /** What the first call sends, as text for the tokenizer (or how to get it, when an estimate is needed). */
    prompt: string | (() => Promise<string>),
    options: {
      requestedModel?: string;
      now?: () => number;
      /** Wall-clock time (multipliers and periods go by it). */
      clock?: () => Date;
      toCatalogId?: (answered: string) => string | undefined;
      /** The other answers of a call that asked for several (lib/chat/candidates). */
      others?: () => Pick<Candidate, "reasoning" | "text">[];
    } = {},
  ) {
    this.promptText = typeof prompt === "string" ? prompt : "";
    this.prompt = typeof prompt === "string" ? undefined : prompt;
    this.now = options.now ?? (() => performance.now());
    this.clock = options.clock ?? (() => new Date());
    this.stepStartedAt = this.clock();
    this.requestedModel = options.requestedModel;
    this.toCatalogId = options.toCatalogId ?? ((answered) => answered);
    this.others = options.others ?? (() => []);
    this.startedAt = this.now();
  }

  /** Before figures are estimated (needsEstimate): the tokenizer, and the prompt's text. */
  async prepareEstimate(): Promise<void> {
    await Promise.all([
      loadTokenizer(),
      this.prompt?.().then((text) => {
        this.promptText = text;
      }),
    ]);
  }

  /** The catalog model that answered (the platform's own id when it is not one of ours). */
  answeredCatalogModel(): string | null {
    return this.answeredModel ? (this.toCatalogId(this.answeredModel) ?? this.answeredModel) : null;
  }

  /**
   * A step is sent upstream (the AI SDK's prepareStep), holding `bound` when a limit applies:
   * until it finishes, a stop or failure cuts it off.
   */
  onStepStart(bound?: StepBound): void {
    this.stepUnderway = true;
    this.stepStartedAt = this.clock();
    this.stepBound = bound ?? null;
  }

  onChunk(chunk: Chunk): void {
    if (chunk.type === "tool-result") {
      this.pendingToolResults.push(chunk.output ?? null);
      return;
    }
    if (chunk.type !== "text-delta" && chunk.type !== "reasoning-delta" && chunk.type !== "tool-input-delta") return;
    const t = this.now();
    this.firstTokenAt ??= t;
    if (chunk.type === "reasoning-delta") {
      if (this.reasoningRun) this.reasoningRun.to = t;
      else this.reasoningRun = { from: t, to: t };
      this.reasoningText += chunk.text;
      return;
    }
    this.endReasoningRun();
    // Tool arguments are output tokens too (for an estimate when no usage arrives).
    this.answerText += chunk.type === "tool-input-delta" ? chunk.delta : chunk.text;
  }

  onStepFinish(modelId: string | undefined, usage?: LanguageModelUsage, metadata?: ProviderMetadata): void {
    if (modelId) this.answeredModel = modelId;
    this.endReasoningRun();
    const step = (usage && reportedUsage(usage)) ?? this.estimateStep();
    const reportedCost = reportedCostOf(metadata);
    this.steps.push({
      usage: step,
      answeredModel: modelId || null,
      startedAt: this.stepStartedAt,
      ...(reportedCost === undefined ? {} : { reportedCost }),
      ...this.capOf(this.stepBound),
    });
    this.stepUnderway = false;
    this.stepStartedAt = this.clock();
    this.reasoningText = "";
    this.answerText = "";
    this.lastBound = this.stepBound;
    this.stepBound = null;
    // The tool results this step's calls returned go into the next step's prompt.
    this.toolResults = this.pendingToolResults;
    this.pendingToolResults = [];
  }

  private capOf(bound: StepBound | null): Pick<RecordedCall, "outputCap"> {
    return bound?.capped ? { outputCap: bound.outputTokens } : {};
  }

  private endReasoningRun(): void {
    if (!this.reasoningRun) return;
    this.reasoningMs = (this.reasoningMs ?? 0) + (this.reasoningRun.to - this.reasoningRun.from);
    this.reasoningRun = null;
  }

  onFinish(finishReason: string, usage: LanguageModelUsage): void {
    this.finishReason = finishReason;
    this.usage = usage;
    this.endedAt = this.now();
  }

  onError(error: AppError): void {
    this.error ??= error;
  }

  /** done when the platform finished, error when it failed, stopped otherwise (user or network). */
  status(aborted: boolean): MessageStatus {
    if (this.error) return "error";
    if (this.finishReason !== null && !aborted && this.finishReason !== "error") return "done";
    return "stopped";
  }

  timings(): Timings {
    const end = this.endedAt ?? this.now();
    return {
      ttftMs: this.firstTokenAt === null ? null : Math.round(this.firstTokenAt - this.startedAt),
      reasoningMs:
        this.reasoningMs === null && this.reasoningRun === null
          ? null
          : Math.round(
              (this.reasoningMs ?? 0) + (this.reasoningRun ? this.reasoningRun.to - this.reasoningRun.from : 0),
            ),
      durationMs: Math.round(end - this.startedAt),
    };
  }

  /** The turn's usage: its calls added up (the platform's figures, or our estimate where it sent none). */
  tokenUsage(): TokenUsage {
    return sumUsage(this.calls().map((c) => c.usage));
  }

  /** True when some of the figures must be counted by us (call loadTokenizer() first). */
  needsEstimate(): boolean {
    return this.calls().some((call) => call.usage.estimated);
  }

  /**
   * The turn's upstream calls, one ledger row each: the steps that finished, and a step cut off
   * by a stop or a failure, estimated from what it sent and received. A call the platform
   * refused with an error before answering anything cost nothing and is recorded with no tokens.
   */
  calls(): RecordedCall[] {
    const total = this.usage && reportedUsage(this.usage);
    // Finished with the platform's figures, but no step reported (a provider without steps).
    if (this.steps.length === 0 && total && !this.stepUnderway) {
      return [
        {
          usage: total,
          answeredModel: this.answeredModel,
          startedAt: this.stepStartedAt,
          ...this.capOf(this.lastBound),
        },
      ];
    }
    const received = this.reasoningText !== "" || this.answerText !== "";
    // Nothing was sent upstream after the last finished step (or no step ever started: a
    // turn stopped before its first call still gets a row, of its prompt).
    if (!this.stepUnderway && !received && !(this.steps.length === 0 && !total)) return this.steps;
    const refused = !received && this.error !== null && this.error.code.startsWith("upstream_");
    const cutOff: TokenUsage = refused
      ? { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0, estimated: true }
      : this.estimateStep();
    return [
      ...this.steps,
      {
        usage: cutOff,
        answeredModel: this.answeredModel,
        startedAt: this.stepStartedAt,
        ...this.capOf(this.stepBound),
      },
    ];
  }

  /** The prompt of the next step of a tool loop, estimated: the last step's prompt, its output and the tool results. */
  private nextStepPromptTokens(): number {
    const last = this.steps.at(-1)?.usage;
    const results = this.toolResults.map((r) => JSON.stringify(r)).join("");
    return (last ? last.inputTokens + last.outputTokens : countTokens(this.promptText)) + countTokens(results);
  }

  /**
   * The most tokens the next step's prompt can be, before it is sent: the last step's prompt and
   * output as the platform counted them (or as that step held, without figures), and the bound
   * of the tool results.
   */
  nextStepPromptBound(): number {
    const last = this.steps.at(-1)?.usage;
    const before =
      last && !last.estimated
        ? last.inputTokens + last.outputTokens
        : (this.lastBound?.promptTokens ?? 0) + (this.lastBound?.outputTokens ?? 0);
    return before + toolResultsBound(this.toolResults);
  }

  /**
   * The current step, estimated: its prompt is the previous step's prompt, output and tool
   * results (or the conversation, for the first); its output is what arrived, every answer's.
   * Neither passes what the step held.
   */
  private estimateStep(): TokenUsage {
    const bound = this.stepBound;
    const inputTokens = Math.min(this.nextStepPromptTokens(), bound?.promptTokens ?? Number.POSITIVE_INFINITY);
    const others = this.steps.length === 0 ? this.others() : [];
    const reasoning = others.reduce((n, o) => n + countTokens(o.reasoning), countTokens(this.reasoningText));
    const text = others.reduce((n, o) => n + countTokens(o.text), countTokens(this.answerText));
    const outputTokens = Math.min(reasoning + text, bound?.outputTokens ?? Number.POSITIVE_INFINITY);
    const reasoningTokens = Math.min(reasoning, outputTokens);
    return {
      inputTokens,
      outputTokens,
      reasoningTokens,
      cachedInputTokens: 0,
      totalTokens: inputTokens + outputTokens,
      estimated: true,
    };
  }

  /** Metadata sent with the finish event (or after a stop), so the browser shows what reload will show. */
  finishMetadata(aborted = false): MessageMetadata {
    return {
      status: this.status(aborted),
      ...(this.answeredModel ? { model: this.answeredCatalogModel() ?? this.answeredModel } : {}),
      ...(this.requestedModel && this.answeredModel && this.answeredCatalogModel() !== this.requestedModel
        ? { requestedModel: this.requestedModel }
        : {}),
      ...(this.finishReason ? { finishReason: this.finishReason } : {}),
      usage: this.tokenUsage(),
      timings: this.timings(),
    };
  }
}

/** The platform's figures as the AI SDK reports them; undefined when it sent none. */
export function reportedUsage(u: LanguageModelUsage): TokenUsage | undefined {
  if (u.inputTokens === undefined || u.outputTokens === undefined) return undefined;
  return {
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    reasoningTokens: u.outputTokenDetails?.reasoningTokens ?? u.reasoningTokens ?? 0,
    cachedInputTokens: u.inputTokenDetails?.cacheReadTokens ?? u.cachedInputTokens ?? 0,
    totalTokens: u.totalTokens ?? u.inputTokens + u.outputTokens,
    estimated: false,
  };
}

/** The cost a platform reported for a call through the provider's metadata (Runware). */
function reportedCostOf(metadata: ProviderMetadata | undefined): number | undefined {
  for (const value of Object.values(metadata ?? {})) {
    const cost = (value as { cost?: unknown } | undefined)?.cost;
    if (typeof cost === "number" && Number.isFinite(cost)) return cost;
  }
  return undefined;
}
