import "server-only";
import { createUIMessageStream, type InferUIMessageChunk, streamText, type UIMessageStreamWriter } from "ai";
import { appError } from "../i18n/app-error";
import { catalogIdOfAnswer } from "../providers/connections";
import { upstreamError } from "../providers/upstream-errors";
import { modelProfile } from "../shared/catalog/profile";
import { type ChatMessage, textOf } from "../shared/chat/message";
import { figuresOf, usageMetadata } from "../shared/chat/stored-message";
import { titleFrom } from "../shared/chat/title";
import { promptText } from "../spend/prompt-bound";
import type { Grant } from "../spend/turn-budget";
import { MAX_TOOL_STEPS } from "../tools";
import { ToolError } from "../tools/tool-error";
import { answerNotes } from "./answer-notes";
import { resilientModel } from "./call-model";
import { type CallSettings, callSettings, samplingOf, ThinkingGuard } from "./call-settings";
import { ExtraCandidates } from "./candidates";
import { refitStep, splitAtLatestTurn, toModelMessages } from "./context/steps";
import { continuedLiveAnswerStatement, newLiveAnswerStatements } from "./queries/live-answers";
import { claimToolDecisions, saveUserTurn, usageOfAnswer } from "./queries/turn";
import type { PreparedTurn } from "./turn-prepare";
import { type StepBound, TurnRecorder } from "./turn-recorder";
import { ledgerEntriesOf, settleTurn } from "./turn-settle";

type Chunk = InferUIMessageChunk<ChatMessage>;

// The second phase of a turn: the answer's row is written with the user message (one write,
// while the upstream call starts), the model is called with the tools, and its stream becomes
// the answer's UI chunks, which settle the answer when they end (turn-settle). Whoever reads the
// chunks (lib/generation) reads them to the end: the browser that asked may leave.

/** A platform silent this long in the middle of an answer has stalled: end it with an error. */
export const STALL_TIMEOUT_MS = 90_000;

export interface RunOptions {
  stallTimeoutMs?: number;
  /** Ask a cheap model for a title after a new conversation's first answer (tests turn it off). */
  nameNewConversations?: boolean;
  /** True while somebody watches the answer (an answer settled unwatched is marked unseen). */
  watched: () => Promise<boolean>;
}

export async function runTurn(turn: PreparedTurn, options: RunOptions) {
  const { request, connection, platform, served, model, profile, settings, shown, budget, stop, assistantId } = turn;
  const stallTimeoutMs = options.stallTimeoutMs ?? STALL_TIMEOUT_MS;
  // A fallback without a price is left out under a money limit.
  const fallbacks = budget.models.slice(1);
  /** The call under way (or about to be sent): its settings, capped to its grant, and what it holds. */
  const capped = (grant: Grant, promptTokens: number) => ({
    settings: grant.budgeted ? callSettings(platform, profile, request, grant.outputTokens) : settings,
    grant,
    bound: grant.budgeted
      ? ({ promptTokens, outputTokens: grant.outputTokens, capped: grant.capped } satisfies StepBound)
      : undefined,
  });
  let call = capped(turn.firstGrant, turn.promptBound);
  /** A fallback model's own settings, capped to the grant of the call under way (or the context's cap). */
  const fallbackSettings = (id: (typeof fallbacks)[number]): CallSettings | undefined => {
    const fallback = modelProfile(platform, id);
    return (
      fallback &&
      callSettings(platform, fallback, request, call.grant.budgeted ? call.grant.outputTokens : turn.outputCap)
    );
  };

  // Decisions count once: recorded before the tool runs, only if nobody recorded them first.
  const { answered, continued, userMessage } = turn;
  if (answered && continued && !(await claimToolDecisions(answered.id, answered.partsJson, continued.parts))) {
    throw appError("conflict", "decisionsTaken");
  }
  // What the answer cost before it stopped for approval; its footer shows the whole answer.
  const earlierUsage = answered ? usageOfAnswer(answered.id).catch(() => []) : Promise.resolve([]);
  const live = {
    streamId: turn.streamId,
    reservations: budget.reservations(),
    userId: turn.userId,
    platform: platform.id,
    model: model.id,
    startedAt: Date.now(),
  };
  const userMessageSaved = saveUserTurn({
    userId: turn.userId,
    conversationId: request.id,
    isNew: !turn.existing,
    title: titleFrom(userMessage ? textOf(userMessage) : ""),
    model: model.id,
    platform: platform.id,
    connectionId: connection.id,
    settings: {
      thinking: request.thinking,
      webSearch: request.webSearch,
      codeInterpreter: request.codeInterpreter,
      tools: request.tools,
      summarize: request.summarize ?? true,
      systemPrompt: request.systemPrompt,
      parameters: request.parameters,
    },
    message: userMessage && {
      id: userMessage.id,
      parentId: turn.parentId,
      parts: userMessage.parts,
      createdAt: turn.userCreatedAt,
    },
    at: turn.userCreatedAt,
    // The answer's row, being written: a reload shows it and resumes it.
    answer: continued
      ? [continuedLiveAnswerStatement({ id: assistantId, conversationId: request.id, userId: turn.userId, live })]
      : newLiveAnswerStatements({
          id: assistantId,
          conversationId: request.id,
          parentId: turn.answersId,
          userId: turn.userId,
          createdAt: turn.assistantCreatedAt,
          live,
          context: turn.context,
        }),
  });
  // If the write fails, the answer must not go on: nothing could be saved for it.
  const upstreamAbort = new AbortController();
  userMessageSaved.catch(() => upstreamAbort.abort());

  // Where thinking cannot be capped by the platform, the turn stops the stream at its share.
  const thinking = new ThinkingGuard(
    () => ({ settings: call.settings, budgeted: call.grant.budgeted }),
    (tokens) => recorder.onError(shown(appError("budget_exceeded", "budgetCapReached", { tokens }))),
  );
  const guardThinking = thinking.see;
  // Several answers at once come interleaved in one stream: `extras` keeps all but the first.
  const extras = settings.candidates > 1 && !continued ? new ExtraCandidates(guardThinking) : undefined;
  const recorder = new TurnRecorder(() => promptText(turn.system, turn.messages, turn.tools), {
    requestedModel: model.id,
    // Platforms name models their own way (zai:glm@5.1, zai-org/GLM-4.5-Air); answers are told
    // apart by catalog id, so that a fallback is flagged and a platform's own name is not.
    toCatalogId: (answered) => catalogIdOfAnswer(served, answered),
    // A stopped call of several answers is estimated from all of them.
    others: () => extras?.answers() ?? [],
  });
  const first = { reasoning: "", text: "" };
  const ledger = ledgerEntriesOf(turn, { recorder, extras, first });
  // Set once the UI stream runs: tool durations are sent as data parts beside their cards.
  let ui: UIMessageStreamWriter<ChatMessage> | undefined;

  // The time limit ends the generation as failed, saying why; a stop asked for ends it as stopped.
  let timedOut = false;
  const end = (reason: "asked" | "time-limit", limitMs = 0) => {
    if (reason === "time-limit") {
      timedOut = true;
      recorder.onError(
        shown(appError("upstream_unavailable", "timeLimit", { minutes: Math.max(1, Math.round(limitMs / 60_000)) })),
      );
    }
    stop.abort();
  };

  // The first call's messages (the branch fitted to the window, lib/chat/context); a tool loop's
  // further calls are fitted again as their results grow the turn.
  const firstMessages = await toModelMessages(turn.messages);
  const { earlier, latest } = splitAtLatestTurn(firstMessages);
  const result = streamText({
    model: resilientModel({
      connection,
      upstreamModel: turn.upstreamModel,
      served,
      // A fallback model would answer once: several answers are asked of the chosen model only.
      fallbacks,
      settingsOf: (id) =>
        fallbackSettings(id) ?? callSettings(platform, modelProfile(platform, id) ?? profile, request),
      fetch: extras?.fetch,
    }),
    // Retries and fallbacks happen in the resilience middleware, before the first token.
    maxRetries: 0,
    timeout: { chunkMs: stallTimeoutMs },
    system: turn.system.trim() || undefined,
    // The latest turn; each step sends the earlier messages before it (prepareStep).
    messages: latest,
    abortSignal: AbortSignal.any([stop.signal, upstreamAbort.signal, thinking.signal]),
    ...samplingOf(call.settings),
    providerOptions: call.settings.providerOptions,
    tools: turn.tools,
    // The model calls tools, the server runs them, the model continues: a bounded number of times,
    // the last step without tools so that the turn ends with an answer.
    // Each further call of the loop is admitted against the budgets first (its output capped
    // like the first's); if it does not fit, the answer ends after the tool results and says why.
    stopWhen: async ({ steps }) => {
      if (steps.length >= MAX_TOOL_STEPS) return true;
      if (!budget.limited) return false;
      const promptTokens = budget.budgeted ? recorder.nextStepPromptBound() : 0;
      const grant = await budget.admitNext({ promptTokens, outputTokens: turn.wanted, at: new Date() });
      if (!grant) {
        if (budget.stoppedBy) recorder.onError(shown(budget.stoppedBy));
        return true;
      }
      call = capped(grant, promptTokens);
      return false;
    },
    prepareStep: async ({ stepNumber, messages }) => {
      recorder.onStepStart(call.bound);
      thinking.reset();
      const sent = earlier.length > 0 ? [...earlier, ...messages] : messages;
      const fitted =
        stepNumber > 0 ? await refitStep(turn.fitting, turn.context.tokens, sent, firstMessages.length) : undefined;
      return {
        messages: fitted ?? sent,
        maxOutputTokens: call.settings.maxOutputTokens,
        providerOptions: call.settings.providerOptions,
        ...(stepNumber === MAX_TOOL_STEPS - 1 ? { toolChoice: "none" as const } : {}),
      };
    },
    onChunk: ({ chunk }) => {
      if (extras && chunk.type === "text-delta") first.text += chunk.text;
      if (chunk.type === "reasoning-delta") {
        if (extras) first.reasoning += chunk.text;
        guardThinking(chunk.text);
      }
      recorder.onChunk(chunk);
    },
    onStepFinish: (step) => recorder.onStepFinish(step.response.modelId, step.usage, step.providerMetadata),
    experimental_onToolCallFinish: ({ toolCall, durationMs }) =>
      ui?.write({ type: "data-tool-duration", id: toolCall.toolCallId, data: { ms: Math.round(durationMs) } }),
    // Reported to the user through the UI stream below; the default would log every error.
    onError: () => {},
  });

  const onError = (error: unknown) => {
    // A tool that could not do its job: its card says why, the model goes on with that result.
    if (error instanceof ToolError) return error.message;
    const failure = shown(upstreamError(error, platform, connection.label));
    recorder.onError(failure);
    return failure.message;
  };

  // createUIMessageStream turns an upstream stream that breaks (a dropped connection) into an
  // error chunk and still ends the stream normally, so the answer is always settled.
  const chunks: ReadableStream<Chunk> = createUIMessageStream<ChatMessage>({
    generateId: () => assistantId,
    // A continued answer keeps its id and parts; what streams now is appended to it.
    originalMessages: continued ? turn.messages : undefined,
    execute: async ({ writer }) => {
      ui = writer;
      // Only a continued answer waits for this read (its footer shows the whole answer).
      const earlierRows = await earlierUsage;
      // What reload will show: the answer's ledger rows (a continued answer's earlier ones too).
      const usage = () => usageMetadata([...earlierRows, ...ledger()[0].map(figuresOf)]);
      const notes = answerNotes({
        platformTools: [
          ...(settings.webSearch ? (["web-search"] as const) : []),
          ...(settings.codeInterpreter ? (["code-interpreter"] as const) : []),
        ],
        platformLabel: connection.label,
        stoppedEarly: () => (budget.stoppedBy ? shown(budget.stoppedBy).message : null),
        abortedBy: () => {
          // Thinking reached the budget's share where the platform cannot cap it, or the host's
          // time limit ended the answer: its error says so.
          if ((thinking.signal.aborted || timedOut) && recorder.error) return { said: recorder.error.message };
          return stop.signal.aborted || upstreamAbort.signal.aborted || thinking.signal.aborted ? "asked" : null;
        },
        // The chunk timeout ends a stalled stream as an abort that nobody asked for.
        stalled: () => {
          const stalled = shown(
            appError("upstream_unavailable", "stalled", {
              platform: connection.label,
              seconds: Math.max(1, Math.round(stallTimeoutMs / 1000)),
            }),
          );
          recorder.onError(stalled);
          return stalled.message;
        },
        endedWithout: async () => {
          if (recorder.needsEstimate()) await recorder.prepareEstimate().catch(() => {});
          // The model asked, unless the platform named the one that answered (as the saved row).
          return { model: model.id, ...recorder.finishMetadata(stop.signal.aborted && !timedOut), ...usage() };
        },
      });
      writer.merge(
        result
          .toUIMessageStream<ChatMessage>({
            sendReasoning: true,
            messageMetadata: ({ part }) => {
              if (part.type === "start") {
                return {
                  createdAt: turn.assistantCreatedAt.getTime(),
                  parentId: turn.answersId,
                  status: "streaming",
                  // What this call sent; an answer going on keeps what its first call sent.
                  ...(continued ? {} : { context: turn.context }),
                };
              }
              if (part.type === "finish") {
                recorder.onFinish(part.finishReason, part.totalUsage);
                return { ...recorder.finishMetadata(), ...usage() };
              }
              return undefined;
            },
            onError,
          })
          .pipeThrough(notes),
      );
      try {
        await userMessageSaved;
      } catch (error) {
        console.error("chat: failed to save the user message", { conversationId: request.id, error });
        const notSaved = shown(appError("internal", "userMessageNotSaved"));
        recorder.onError(notSaved);
        writer.write({ type: "error", errorText: notSaved.message });
      }
    },
    onError,
    onFinish: ({ responseMessage, isAborted }) =>
      settleTurn(turn, {
        responseMessage,
        stopped: isAborted || (stop.signal.aborted && !timedOut),
        recorder,
        extras,
        ledger,
        userMessageSaved,
        watched: options.watched,
        nameNewConversation: options.nameNewConversations ?? true,
      }),
  });
  return { chunks, end };
}
