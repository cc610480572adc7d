import "server-only";
import { randomUUID } from "node:crypto";
import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import {
  type ModelMessage,
  streamText,
  type TextStreamPart,
  type Tool,
  type ToolChoice,
  type ToolSet,
  wrapLanguageModel,
} from "ai";
import { admitCall, releaseAdmitted, releaseRunning, renewRunning } from "../chat/call-admission";
import { resilientModel } from "../chat/call-model";
import { type CallSettings, callSettings, outputTokensOf, samplingOf, ThinkingGuard } from "../chat/call-settings";
import { ExtraCandidates } from "../chat/candidates";
import { TurnRecorder } from "../chat/turn-recorder";
import { STALL_TIMEOUT_MS } from "../chat/turn-run";
import { chargeRecorded } from "../chat/turn-settle";
import type { AppError } from "../errors";
import { generationTimeLimitMs } from "../generation/limits";
import { appError } from "../i18n/app-error";
import { keepAlive } from "../keep-alive";
import { fallbackModels } from "../providers/configured";
import { catalogIdOfAnswer } from "../providers/connections";
import { upstreamError } from "../providers/upstream-errors";
import type { ChatParameters } from "../shared/catalog/parameters";
import { modelProfile } from "../shared/catalog/profile";
import type { TokenUsage } from "../shared/chat/message";
import { sumUsage } from "../shared/chat/stored-message";
import { type Limits, spendConfig } from "../spend/config";
import { messagesBound, type PromptMessage, promptText, toolsBound } from "../spend/prompt-bound";
import { type LedgerEntry, recordLedger } from "../spend/queries/ledger";
import { sweepReservations } from "../spend/sweep";
import { TurnBudget } from "../spend/turn-budget";
import { unsupported } from "./errors";
import { type ResolvedModel, resolveModel } from "./models";

// One call of the team's GLM API, whatever protocol it came in (OpenAI's chat completions in openai/,
// Anthropic's messages in anthropic/): the model named is resolved for the team (models.ts), its settings
// fitted to the model on its platform as a chat's are (lib/chat/call-settings), the call admitted
// against the user's budgets, rate limit and running answers (lib/chat/call-admission), sent with
// retries and fallbacks (lib/chat/call-model), and settled to the ledger with purpose "api" and
// the key that made it, whether it finished, failed, or was stopped (the client went away: what
// was received is billed). One step: tools are offered to the model and its calls returned to
// the client, which runs them and sends the results back in its next request.

export interface GatewayCaller {
  userId: string;
  /** The personal API key the request came with (its ledger rows name it). */
  keyId: string;
  /** The key's own monthly cap, if it has one (held like a budget: lib/spend/admission). */
  keyCap?: Limits;
}

export interface GatewayRequest {
  /** "glm-5.1", or "glm-5.1@bigmodel" for one platform (models.ts). */
  model: string;
  messages: ModelMessage[];
  /** Definitions only (no `execute`): the client runs them. */
  tools?: Record<string, Tool>;
  toolChoice?: ToolChoice<ToolSet>;
  /** Unset: the platform's default. */
  thinking: boolean | undefined;
  parameters: ChatParameters;
  /** Answers asked for at once (`n`). */
  candidates: number;
  responseFormat?: LanguageModelV3CallOptions["responseFormat"];
}

export type ExtraDelta = { reasoning?: string; text?: string; finishReason?: string };

export interface GatewayCall {
  resolved: ResolvedModel;
  /** The first answer's stream parts, to the end (an error part when the platform failed). */
  parts: ReadableStream<TextStreamPart<ToolSet>>;
  /** Stops the call: it settles with what it received. */
  abort: () => void;
  /** Once the call is recorded: its usage (all answers), and its error if it failed. */
  settled: Promise<{ usage: TokenUsage; error: AppError | null }>;
}

/** Checks what the model on its platform cannot do, before anything is held (400). */
function assertSupported(resolved: ResolvedModel, request: GatewayRequest): void {
  const { features, platformLabel, label } = resolved.profile;
  const tools = Object.keys(request.tools ?? {}).length > 0;
  if (tools && !features.toolCalling) {
    throw unsupported(`${label} on ${platformLabel} does not take tools.`, "tools");
  }
  if (request.candidates > features.maxCandidates) {
    throw unsupported(
      features.maxCandidates === 1
        ? `${label} on ${platformLabel} gives one answer per request: n must be 1.`
        : `${label} on ${platformLabel} gives at most ${features.maxCandidates} answers per request.`,
      "n",
    );
  }
  if (request.candidates > 1 && tools) throw unsupported("n above 1 is not supported with tools.", "n");
  if (request.responseFormat?.type === "json" && !features.structuredOutput) {
    throw unsupported(`${label} on ${platformLabel} does not take response_format.`, "response_format");
  }
}

/** The messages as the prompt bound and the tokenizer read them (lib/spend/prompt-bound; also count_tokens). */
/** Parts that show the answer has begun (or ended): a response's status and headers wait for one. */
const VISIBLE = new Set(["text-delta", "reasoning-delta", "tool-input-start", "tool-call", "finish", "error", "abort"]);

/**
 * Reads the call's parts up to the first that shows the answer has begun or failed (the last one
 * returned), so that a refusal gets its real status instead of a broken stream.
 */
export async function untilAnswerBegins(
  reader: ReadableStreamDefaultReader<TextStreamPart<ToolSet>>,
): Promise<TextStreamPart<ToolSet>[]> {
  const first: TextStreamPart<ToolSet>[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return first;
    first.push(value);
    if (VISIBLE.has(value.type)) return first;
  }
}

export function promptMessages(messages: readonly ModelMessage[]): PromptMessage[] {
  return messages.map((m) => ({
    parts: typeof m.content === "string" ? [{ type: "text", text: m.content }] : (m.content as PromptMessage["parts"]),
  }));
}

export async function startCall(
  caller: GatewayCaller,
  request: GatewayRequest,
  options: {
    /** The client went away. */
    signal?: AbortSignal;
    /** Deltas of the answers after the first (`n` above 1), as they arrive. */
    onExtra?: (index: number, delta: ExtraDelta) => void;
    stallTimeoutMs?: number;
  } = {},
): Promise<GatewayCall> {
  const [resolved, spend] = await Promise.all([resolveModel(request.model), spendConfig()]);
  assertSupported(resolved, request);
  const { connection, served, model, profile, upstreamModel } = resolved;
  const { platform } = connection;
  const { userId, keyId, keyCap } = caller;
  const tools = Object.keys(request.tools ?? {}).length > 0 ? request.tools : undefined;
  const switches = {
    thinking: request.thinking,
    webSearch: false,
    tools: tools !== undefined,
    parameters: request.parameters,
    candidates: request.candidates,
  };
  let settings: CallSettings = callSettings(platform, profile, switches);

  // Admitted as a chat turn's first call: the prompt bound (where a budget needs it) and the output.
  const budget = new TurnBudget(spend, {
    userId,
    platform: platform.id,
    models: [model, ...(settings.candidates > 1 ? [] : fallbackModels(served, model))],
    candidates: settings.candidates,
    key: keyCap && { id: keyId, ...keyCap },
  });
  const prompt = promptMessages(request.messages);
  const maxInput = Math.max(...budget.models.map((id) => modelProfile(platform, id)?.limits.maxInputTokens ?? 0));
  const promptBound = budget.budgeted ? Math.min(maxInput, messagesBound("", prompt) + (await toolsBound(tools))) : 0;
  const streamId = randomUUID();
  const startedAt = new Date();
  const grant = await admitCall(budget, {
    userId,
    streamId,
    runningPerUser: spend.runningPerUser,
    estimate: { promptTokens: promptBound, outputTokens: outputTokensOf(settings.output), at: startedAt },
  });
  if (grant.budgeted) settings = callSettings(platform, profile, switches, grant.outputTokens);
  const fallbackSettings = (id: (typeof budget.models)[number]) =>
    callSettings(
      platform,
      modelProfile(platform, id) ?? profile,
      switches,
      grant.budgeted ? grant.outputTokens : undefined,
    );

  const stop = new AbortController();
  const abort = () => stop.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  // The client may have left while the call was admitted.
  if (options.signal?.aborted) abort();
  // As long as a chat's answer may run on this host, and the running claim held meanwhile.
  const timeLimitMs = generationTimeLimitMs();
  const timeLimit = setTimeout(() => {
    recorder.onError(
      appError("upstream_unavailable", "timeLimit", { minutes: Math.max(1, Math.round(timeLimitMs / 60_000)) }),
    );
    abort();
  }, timeLimitMs);
  const stopRenewing = renewRunning(userId, streamId);
  // Where thinking cannot be capped by the platform, the call is stopped at its share (as a chat's).
  const thinking = new ThinkingGuard(
    () => ({ settings, budgeted: grant.budgeted }),
    (tokens) => recorder.onError(appError("budget_exceeded", "budgetCapReached", { tokens })),
  );
  const guardThinking = thinking.see;
  const extras =
    settings.candidates > 1
      ? new ExtraCandidates(guardThinking, (index, delta) => options.onExtra?.(index, delta))
      : undefined;
  const recorder = new TurnRecorder(() => promptText("", prompt, tools), {
    requestedModel: model,
    toCatalogId: (answered) => catalogIdOfAnswer(served, answered),
    others: () => extras?.answers() ?? [],
  });

  let settle: (value: { usage: TokenUsage; error: AppError | null }) => void = () => {};
  const settled = new Promise<{ usage: TokenUsage; error: AppError | null }>((resolve) => {
    settle = resolve;
  });
  const record = async () => {
    options.signal?.removeEventListener("abort", abort);
    clearTimeout(timeLimit);
    stopRenewing();
    if (recorder.needsEstimate()) await recorder.prepareEstimate().catch(() => {});
    const timings = recorder.timings();
    const entries: LedgerEntry[] = recorder.calls().map((call, i) => ({
      userId,
      conversationId: null,
      messageId: null,
      purpose: "api",
      apiKeyId: keyId,
      platform: platform.id,
      requestedModel: model,
      answeredModel: call.answeredModel ?? recorder.answeredModel,
      usage: call.usage,
      cost: chargeRecorded(spend, { platform, served, model }, call),
      outputCap: call.outputCap ?? null,
      at: call.startedAt,
      timings: i === 0 ? timings : undefined,
    }));
    if (budget.holdsAny) keepAlive(sweepReservations());
    await recordLedger(entries, { timeZone: spend.timeZone, after: budget.releaseStatements() }).catch((error) =>
      console.error("gateway: failed to record usage", { userId, keyId, error }),
    );
    await releaseRunning(userId, streamId).catch(() => {});
    settle({ usage: sumUsage(entries.map((e) => e.usage)), error: recorder.error });
  };

  let result: ReturnType<typeof streamText>;
  try {
    const base = resilientModel({
      connection,
      upstreamModel,
      served,
      fallbacks: budget.models.slice(1),
      settingsOf: fallbackSettings,
      fetch: extras?.fetch,
    });
    const { responseFormat } = request;
    result = streamText({
      model: responseFormat
        ? wrapLanguageModel({
            model: base,
            middleware: {
              specificationVersion: "v3",
              transformParams: async ({ params }) => ({ ...params, responseFormat }),
            },
          })
        : base,
      maxRetries: 0,
      timeout: { chunkMs: options.stallTimeoutMs ?? STALL_TIMEOUT_MS },
      // The client's own system messages, where it put them (it holds the key: no injection to fear).
      allowSystemInMessages: true,
      messages: request.messages,
      abortSignal: AbortSignal.any([stop.signal, thinking.signal]),
      ...samplingOf(settings),
      providerOptions: settings.providerOptions,
      tools,
      toolChoice: tools ? request.toolChoice : undefined,
      prepareStep: () => {
        recorder.onStepStart(
          grant.budgeted
            ? { promptTokens: promptBound, outputTokens: grant.outputTokens, capped: grant.capped }
            : undefined,
        );
        return undefined;
      },
      onChunk: ({ chunk }) => {
        if (chunk.type === "reasoning-delta") guardThinking(chunk.text);
        recorder.onChunk(chunk);
      },
      onStepFinish: (step) => recorder.onStepFinish(step.response.modelId, step.usage, step.providerMetadata),
      onError: () => {},
    });
  } catch (error) {
    clearTimeout(timeLimit);
    stopRenewing();
    await releaseAdmitted(budget, userId, streamId);
    throw error;
  }

  // Read to the end whoever reads `parts` (a client that leaves stops the call; it still settles).
  const out: { reader: ReadableStreamDefaultController<TextStreamPart<ToolSet>> | null } = { reader: null };
  const parts = new ReadableStream<TextStreamPart<ToolSet>>({
    start(controller) {
      out.reader = controller;
    },
    cancel() {
      out.reader = null;
      abort();
    },
  });
  const forward = (part: TextStreamPart<ToolSet>) => {
    try {
      out.reader?.enqueue(part);
    } catch {
      out.reader = null;
    }
  };
  // Read and settled on the server whether or not the client stays (waitUntil where the host has it).
  keepAlive(
    (async () => {
      try {
        for await (const part of result.fullStream) {
          if (part.type === "finish") recorder.onFinish(part.finishReason, part.totalUsage);
          if (part.type === "error") {
            // The platform's failure as our typed error (its status and message), for the client too.
            const failure = upstreamError(part.error, platform, connection.label);
            recorder.onError(failure);
            forward({ type: "error", error: failure });
            continue;
          }
          forward(part);
        }
      } catch (error) {
        const failure = upstreamError(error, platform, connection.label);
        recorder.onError(failure);
        forward({ type: "error", error: failure });
      } finally {
        if (thinking.signal.aborted && recorder.error) forward({ type: "error", error: recorder.error });
        try {
          out.reader?.close();
        } catch {}
        await record();
      }
    })(),
  );
  return { resolved, parts, abort, settled };
}
