import type { LanguageModelUsage, ProviderMetadata, TextStreamPart, ToolSet } from "ai";
import type { AppError } from "../errors";
import { countTokens } from "../spend/tokens";
import type { MessageMetadata, MessageStatus, Timings, TokenUsage } from "./message";
import { sumUsage } from "./stored-message";

// Watches one streamed answer go by (no I/O, no per-chunk work beyond a few comparisons) and
// knows, at the end, its status, timings and usage: exact when the platform reported it,
// estimated when the stream was stopped or broke before the usage chunk. An answer with tool
// calls has several steps (one upstream call each): the steps that finished keep their exact
// usage, and only the one cut off is estimated.

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
}

export class TurnRecorder {
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  /** Thinking time: the runs that ended, and the run under way (thinking stops for tools). */
  private reasoningMs: number | null = null;
  private reasoningRun: { from: number; to: number } | null = null;
  private endedAt: number | null = null;
  private usage: LanguageModelUsage | null = null;
  /** Exact usage of the steps that finished, and whether any of them lacked it. */
  private stepsUsage: TokenUsage | null = null;
  /** The steps that finished, each an upstream call. */
  private readonly steps: RecordedCall[] = [];
  /** Wall-clock start of the step under way. */
  private stepStartedAt: Date;
  private readonly clock: () => Date;
  finishReason: string | null = null;
  answeredModel: string | null = null;
  error: AppError | null = null;
  /** What the current step received, for an estimate when no usage arrives. */
  private reasoningText = "";
  private answerText = "";

  private readonly now: () => number;
  private readonly requestedModel?: string;
  private readonly toCatalogId: (answered: string) => string | undefined;

  constructor(
    private readonly promptText: string,
    options: {
      requestedModel?: string;
      now?: () => number;
      /** Wall-clock time (multipliers and periods go by it). */
      clock?: () => Date;
      toCatalogId?: (answered: string) => string | undefined;
    } = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.clock = options.clock ?? (() => new Date());
    this.stepStartedAt = this.clock();
    this.requestedModel = options.requestedModel;
    this.toCatalogId = options.toCatalogId ?? ((answered) => answered);
    this.startedAt = this.now();
  }

  /** The catalog model that answered (the platform's own id when it is not one of ours). */
  answeredCatalogModel(): string | null {
    return this.answeredModel ? (this.toCatalogId(this.answeredModel) ?? this.answeredModel) : null;
  }

  onChunk(chunk: Chunk): void {
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
    this.stepsUsage = this.stepsUsage ? sumUsage([this.stepsUsage, step]) : step;
    const reportedCost = reportedCostOf(metadata);
    this.steps.push({
      usage: step,
      answeredModel: modelId || null,
      startedAt: this.stepStartedAt,
      ...(reportedCost === undefined ? {} : { reportedCost }),
    });
    // The next step starts at once: its tools ran inside this one.
    this.stepStartedAt = this.clock();
    this.reasoningText = "";
    this.answerText = "";
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

  /** The platform's figures when it sent them; otherwise an estimate from the texts. */
  tokenUsage(): TokenUsage {
    const total = this.usage && reportedUsage(this.usage);
    if (total && !this.stepsUsage?.estimated) return total;
    // Stopped or broken: the finished steps as reported, plus an estimate of the step cut off
    // (if it received anything, or if no step finished at all).
    const cutOff = this.reasoningText || this.answerText || !this.stepsUsage ? this.estimateStep() : null;
    if (this.stepsUsage && cutOff) return sumUsage([this.stepsUsage, cutOff]);
    return this.stepsUsage ?? (cutOff as TokenUsage);
  }

  /** True when some of the figures must be counted by us (call loadTokenizer() first). */
  needsEstimate(): boolean {
    return this.calls().some((call) => call.usage.estimated);
  }

  private cutOff(): boolean {
    return this.reasoningText !== "" || this.answerText !== "";
  }

  /**
   * The turn's upstream calls, one ledger row each: the steps that finished, and the step cut
   * off by a stop or a failure (estimated). They add up to tokenUsage().
   */
  calls(): RecordedCall[] {
    const total = this.usage && reportedUsage(this.usage);
    if (this.steps.length === 0) {
      return [{ usage: this.tokenUsage(), answeredModel: this.answeredModel, startedAt: this.stepStartedAt }];
    }
    if (total && !this.stepsUsage?.estimated) return this.steps;
    if (!this.cutOff()) return this.steps;
    return [
      ...this.steps,
      { usage: this.estimateStep(), answeredModel: this.answeredModel, startedAt: this.stepStartedAt },
    ];
  }

  /** The current step, estimated: its prompt is the previous step's prompt and output (and the tool result). */
  private estimateStep(): TokenUsage {
    const previous = this.stepsUsage;
    const inputTokens = previous ? previous.inputTokens + previous.outputTokens : countTokens(this.promptText);
    const reasoningTokens = countTokens(this.reasoningText);
    const outputTokens = reasoningTokens + countTokens(this.answerText);
    return {
      inputTokens,
      outputTokens,
      reasoningTokens,
      cachedInputTokens: 0,
      totalTokens: inputTokens + outputTokens,
      estimated: true,
    };
  }

  /** Metadata sent with the finish event, so the browser shows what reload will show. */
  finishMetadata(): MessageMetadata {
    return {
      status: this.status(false),
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
