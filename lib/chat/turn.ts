import "server-only";
import { randomUUID } from "node:crypto";
import {
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  type InferUIMessageChunk,
  streamText,
  type UIMessageStreamWriter,
  wrapLanguageModel,
} from "ai";
import { after } from "next/server";
import { standingError } from "../auth/standing";
import { MODELS } from "../catalog/models";
import { modelProfile } from "../catalog/profile";
import { sql } from "../db/client";
import { claimToolDecisions, getTurnContext, saveAnswers, saveUserTurn, usageOfAnswer } from "../db/turn-queries";
import type { AppError } from "../errors";
import { appError, localized, requestLocale } from "../i18n/app-error";
import { cachedMcpServers } from "../mcp/servers";
import { mcpTools } from "../mcp/turn-tools";
import { fallbackModels, languageModel } from "../providers/configured";
import { catalogIdOfAnswer, getConnection, modelsOf } from "../providers/connections";
import { resilience } from "../providers/resilience";
import { upstreamError } from "../providers/upstream-errors";
import { chargeCall, splitCost } from "../spend/charges";
import { spendConfig } from "../spend/config";
import { type LedgerEntry, ledgerStatements, sweepReservations } from "../spend/ledger";
import type { CallCost } from "../spend/pricing";
import { messagesBound, promptText, toolsBound } from "../spend/prompt-bound";
import { type Grant, TurnBudget } from "../spend/turn-budget";
import { assertTurnFits } from "../storage/turn-quota";
import { teamPolicy } from "../team/settings";
import { enabledServed, isModelEnabled } from "../team/team-policy";
import { builtinTools, MAX_TOOL_STEPS } from "../tools";
import { AllowedUrls } from "../tools/allowed-urls";
import { ToolError } from "../tools/tool-error";
import { generateTitle } from "./auto-title";
import { pathTo } from "./branches";
import { type CallSettings, callSettings, outputTokensOf, samplingOf, withCallSettings } from "./call-settings";
import { CandidateTap, shareUsage } from "./candidates";
import { type ChatMessage, type ChatPart, textOf } from "./message";
import type { ChatRequest } from "./request-schema";
import { figuresOf, partsToStore, usageMetadata } from "./stored-message";
import { titleFrom } from "./title";
import { settleDecidedCalls, withApprovals } from "./tool-approvals";
import { type RecordedCall, type StepBound, TurnRecorder } from "./turn-recorder";

// One chat turn: own → persist the user message → stream → settle. The caller (the route) has
// already authenticated and validated. One read happens before the upstream call; the user
// message is written while the upstream call starts (settle waits for that write), so that no
// write sits between the user and the first token.

/** A platform silent this long in the middle of an answer has stalled: end it with an error. */
const STALL_TIMEOUT_MS = 90_000;

export async function runChatTurn({
  userId,
  signedInAt,
  sessionId,
  request,
  signal,
  stallTimeoutMs = STALL_TIMEOUT_MS,
  nameNewConversations = true,
}: {
  userId: string;
  /** When the session began: one the admin revoked since is refused. */
  signedInAt: number;
  /** The session's id: one signed out since is refused. */
  sessionId: string;
  request: ChatRequest;
  signal: AbortSignal;
  stallTimeoutMs?: number;
  /** Ask a cheap model for a title after a new conversation's first answer (tests turn it off). */
  nameNewConversations?: boolean;
}): Promise<Response> {
  const [connection, context, mcpServers, locale, spend, policy] = await Promise.all([
    getConnection(request.connection),
    getTurnContext({ userId, signedInAt, sessionId }, request.id),
    request.tools || request.trigger === "respond-to-tools" ? cachedMcpServers() : [],
    requestLocale(),
    spendConfig(),
    teamPolicy(),
  ]);
  // Errors that reach the user mid-stream are worded in their language (before the stream, the
  // route does it).
  const shown = (error: AppError) => localized(error, locale);
  if (!connection) {
    throw appError("no_platform", "noPlatform");
  }
  const { platform } = connection;

  if (context.standing.refused) throw standingError(context.standing.refused);
  const existing = context.conversation;
  if (existing && existing.userId !== userId) {
    throw appError("not_found", "conversationNotFound");
  }
  // The model sees the branch the new message continues: from a root down to its parent.
  const stored = existing?.messages ?? [];
  // Decisions on tool calls continue the answer that asked for them (lib/chat/tool-approvals).
  const answered =
    request.trigger === "respond-to-tools"
      ? stored.find((m) => m.id === request.messageId && m.role === "assistant")
      : undefined;
  if (request.trigger === "respond-to-tools" && !answered) {
    throw appError("not_found", "answerGone");
  }
  const parentId = answered ? answered.parentId : request.parentId;
  const parent = parentId === null ? undefined : stored.find((m) => m.id === parentId);
  if (parentId !== null && !parent) {
    throw appError("not_found", "parentGone");
  }
  if (request.trigger === "regenerate-message" && parent?.role !== "user") {
    throw appError("bad_request", "notAnswerable");
  }
  const toChat = (m: (typeof stored)[number]): ChatMessage => ({
    id: m.id,
    role: m.role === "assistant" ? "assistant" : "user",
    parts: (Array.isArray(m.parts) ? m.parts : []) as unknown as ChatPart[],
    metadata: { createdAt: m.createdAt, parentId: m.parentId },
  });
  const history: ChatMessage[] = pathTo(stored, parent?.id ?? null)
    .map(toChat)
    // A call decided but never run (a stop, a crash) is settled, not shown to the model unfinished.
    .map((m) => ({ ...m, parts: settleDecidedCalls(m.parts) }))
    .filter((m) => m.parts.length > 0);
  const continued = (answered && withApprovals(toChat(answered), request.approvals ?? [])) ?? undefined;
  if (answered && !continued) throw appError("conflict", "decisionsTaken");

  if (request.message && stored.some((m) => m.id === request.message?.id)) {
    throw appError("conflict", "alreadySent");
  }
  // Storage quotas (lib/storage), from the read above: a user at a limit starts nothing new.
  assertTurnFits(context.storage, { isNew: !existing, message: request.message });

  const model = MODELS[request.model];
  if (!isModelEnabled(policy, model.id)) {
    throw appError("forbidden", "modelDisabled", { model: model.label });
  }
  // Only the models the team may use: fallbacks and the title's model are chosen among them.
  const served = enabledServed(await modelsOf(connection), policy);
  const upstreamModel = served.get(model.id);
  const profile = modelProfile(platform, model.id);
  if (upstreamModel === undefined || !profile) {
    throw appError("bad_request", "modelNotOffered", {
      model: model.label,
      platform: connection.label,
      models: [...served.keys()].map((id) => MODELS[id].label).join(", "),
    });
  }
  const settings = callSettings(platform, profile, request);
  const userCreatedAt = new Date();
  // Absent when an existing message is answered again (regenerate).
  const userMessage: ChatMessage | undefined = request.message && {
    id: request.message.id,
    role: "user",
    parts: request.message.parts,
    metadata: { createdAt: userCreatedAt.getTime(), parentId: request.parentId },
  };
  const answersId = userMessage?.id ?? (parent?.id as string);
  const messages = userMessage ? [...history, userMessage] : continued ? [...history, continued] : history;

  // Budgets and the rate limit: the call's prompt bound and the output it may produce are held
  // before anything is written or sent, so a refused request leaves no trace (the browser gives
  // the text back to the composer). Under a budget that is running low, the output is capped to
  // what the call may spend (lib/spend/admission) and the call is sent with that limit.
  const budget = new TurnBudget(spend, {
    userId,
    platform: platform.id,
    models: [model.id, ...(settings.candidates > 1 ? [] : fallbackModels(served, model.id))],
    candidates: settings.candidates,
  });
  // A fallback without a price is left out under a money limit.
  const fallbacks = budget.models.slice(1);
  const offersTools = settings.tools || continued !== undefined;
  // The team's MCP tools are connected only if the model calls one; closed when the turn ends.
  const mcp = mcpTools(mcpServers, signal);
  const tools = offersTools
    ? {
        ...builtinTools(new AllowedUrls(messages.filter((m) => m.role === "user").map((m) => textOf(m)))),
        ...mcp.tools,
      }
    : undefined;
  // The most the prompt can be (only where a budget needs it: it reads the whole conversation):
  // its bytes, and never more than the models take in (a longer prompt is refused, and free);
  // where the platform runs tools itself, it adds their results to the prompt, up to that.
  const maxInput = Math.max(...budget.models.map((id) => modelProfile(platform, id)?.limits.maxInputTokens ?? 0));
  const promptBound = !budget.budgeted
    ? 0
    : settings.webSearch || settings.codeInterpreter
      ? maxInput
      : Math.min(maxInput, messagesBound(request.systemPrompt, messages) + (await toolsBound(tools)));
  const wanted = outputTokensOf(settings.output);
  const firstGrant = await budget.admitFirst({ promptTokens: promptBound, outputTokens: wanted, at: userCreatedAt });
  /** The call under way (or about to be sent): its settings, capped to its grant, and what it holds. */
  const capped = (grant: Grant, promptTokens: number) => ({
    settings: grant.budgeted ? callSettings(platform, profile, request, grant.outputTokens) : settings,
    grant,
    bound: grant.budgeted
      ? ({ promptTokens, outputTokens: grant.outputTokens, capped: grant.capped } satisfies StepBound)
      : undefined,
  });
  let call = capped(firstGrant, promptBound);
  /** A fallback model's own settings, capped to the grant of the call under way. */
  const fallbackSettings = (id: (typeof fallbacks)[number]): CallSettings | undefined => {
    const fallback = modelProfile(platform, id);
    return (
      fallback && callSettings(platform, fallback, request, call.grant.budgeted ? call.grant.outputTokens : undefined)
    );
  };

  // Whatever fails from here until the answer streams gives the reservations back at once.
  let streaming = false;
  try {
    // Decisions count once: recorded before the tool runs, only if nobody recorded them first.
    if (answered && continued && !(await claimToolDecisions(answered.id, answered.partsJson, continued.parts))) {
      throw appError("conflict", "decisionsTaken");
    }
    // What the answer cost before it stopped for approval; its footer shows the whole answer.
    const earlierUsage = answered ? usageOfAnswer(answered.id).catch(() => []) : Promise.resolve([]);
    const userMessageSaved = saveUserTurn({
      userId,
      conversationId: request.id,
      isNew: !existing,
      title: titleFrom(userMessage ? textOf(userMessage) : ""),
      model: model.id,
      platform: platform.id,
      connectionId: connection.id,
      settings: {
        thinking: request.thinking,
        webSearch: request.webSearch,
        codeInterpreter: request.codeInterpreter,
        tools: request.tools,
        systemPrompt: request.systemPrompt,
        parameters: request.parameters,
      },
      message: userMessage && {
        id: userMessage.id,
        parentId: request.parentId,
        parts: userMessage.parts,
        createdAt: userCreatedAt,
      },
      at: userCreatedAt,
    });
    // If the write fails, the answer must not go on: nothing could be saved for it.
    const upstreamAbort = new AbortController();
    userMessageSaved.catch(() => upstreamAbort.abort());

    // A tool call cut off by Stop has no result; the model is not shown half a call.
    const modelMessages = await convertToModelMessages(messages, { ignoreIncompleteToolCalls: true });
    // Where thinking cannot be capped by the platform, the turn stops the stream at its share.
    const capAbort = new AbortController();
    const thinkingGuard = { bytes: 0 };
    const guardThinking = (text: string) => {
      const { output } = call.settings;
      if (!call.grant.budgeted || output.thinkingCap !== "stream" || capAbort.signal.aborted) return;
      thinkingGuard.bytes += Buffer.byteLength(text, "utf8");
      const most = output.thinking * output.candidates;
      // UTF-8 bytes are never fewer than the tokens they encode: stopped here, it holds.
      if (thinkingGuard.bytes >= most) {
        recorder.onError(shown(appError("budget_exceeded", "budgetCapReached", { tokens: most })));
        capAbort.abort();
      }
    };
    // Several answers at once come interleaved in one stream: the tap keeps all but the first.
    const tap = settings.candidates > 1 && !continued ? new CandidateTap(guardThinking) : undefined;
    const recorder = new TurnRecorder(() => promptText(request.systemPrompt, messages, tools), {
      requestedModel: model.id,
      // Platforms name models their own way (zai:glm@5.1, zai-org/GLM-4.5-Air); answers are told
      // apart by catalog id, so that a fallback is flagged and a platform's own name is not.
      toCatalogId: (answered) => catalogIdOfAnswer(served, answered),
      // A stopped call of several answers is estimated from all of them.
      others: () => tap?.answers() ?? [],
    });
    const assistantId = continued?.id ?? randomUUID();
    // Strictly after the user message, so that ordering by creation time is unambiguous.
    const assistantCreatedAt = answered
      ? new Date(answered.createdAt)
      : new Date(Math.max(Date.now(), userCreatedAt.getTime() + 1));
    // Set once the UI stream runs: tool durations are sent as data parts beside their cards.
    let ui: UIMessageStreamWriter<ChatMessage> | undefined;

    const first = { reasoning: "", text: "" };
    /**
     * The ledger rows of the turn, per answer: one per upstream call for the answer that streamed
     * (each step of a tool loop), or, for several answers at once, the one call's usage and cost
     * shared out among them. The first row of the streamed answer carries the turn's timings.
     */
    const ledgerEntries = (otherIds: string[] = []): LedgerEntry[][] => {
      const timings = recorder.timings();
      const entry = (messageId: string, call: RecordedCall, cost: CallCost, usage = call.usage) => ({
        userId,
        conversationId: request.id,
        messageId,
        purpose: "answer" as const,
        platform: platform.id,
        requestedModel: model.id,
        answeredModel: call.answeredModel ?? recorder.answeredModel,
        usage,
        cost,
        outputCap: call.outputCap ?? null,
        at: call.startedAt,
      });
      const charge = (call: RecordedCall) =>
        chargeCall(spend, {
          platform: platform.id,
          model: (call.answeredModel && catalogIdOfAnswer(served, call.answeredModel)) || model.id,
          usage: call.usage,
          at: call.startedAt,
          reported:
            call.reportedCost !== undefined && platform.reportedCostCurrency
              ? { amount: call.reportedCost, currency: platform.reportedCostCurrency }
              : undefined,
        });
      const calls = recorder.calls();
      const others = tap?.answers() ?? [];
      if (!others.length) {
        return [
          calls.map((call, i) => ({
            ...entry(assistantId, call, charge(call)),
            timings: i === 0 ? timings : undefined,
          })),
        ];
      }
      const [call] = calls;
      const shares = shareUsage(call.usage, [first, ...others]);
      const costs = splitCost(charge(call), shares);
      return shares.map((usage, i) => [
        {
          ...entry(i === 0 ? assistantId : (otherIds[i - 1] ?? ""), call, costs[i], usage),
          timings: i === 0 ? timings : { ttftMs: timings.ttftMs, reasoningMs: null, durationMs: timings.durationMs },
        },
      ]);
    };

    const result = streamText({
      model: wrapLanguageModel({
        model: languageModel(connection, upstreamModel, tap?.fetch),
        middleware: resilience({
          platform,
          // A fallback model would answer once: several answers are asked of the chosen model only.
          fallbacks: fallbacks.flatMap((id) => {
            const fallback = modelProfile(platform, id);
            if (!fallback) return [];
            return wrapLanguageModel({
              model: languageModel(connection, served.get(id) ?? id),
              middleware: withCallSettings(() => fallbackSettings(id) ?? callSettings(platform, fallback, request)),
            });
          }),
        }),
      }),
      // Retries and fallbacks happen in the resilience middleware, before the first token.
      maxRetries: 0,
      timeout: { chunkMs: stallTimeoutMs },
      system: request.systemPrompt.trim() || undefined,
      messages: modelMessages,
      abortSignal: AbortSignal.any([signal, upstreamAbort.signal, capAbort.signal]),
      ...samplingOf(call.settings),
      providerOptions: call.settings.providerOptions,
      tools,
      // The model calls tools, the server runs them, the model continues: a bounded number of times,
      // the last step without tools so that the turn ends with an answer.
      // Each further call of the loop is admitted against the budgets first (its output capped
      // like the first's); if it does not fit, the answer ends after the tool results and says why.
      stopWhen: async ({ steps }) => {
        if (steps.length >= MAX_TOOL_STEPS) return true;
        if (!budget.limited) return false;
        const promptTokens = budget.budgeted ? recorder.nextStepPromptBound() : 0;
        const grant = await budget.admitNext({ promptTokens, outputTokens: wanted, at: new Date() });
        if (!grant) {
          if (budget.stoppedBy) recorder.onError(shown(budget.stoppedBy));
          return true;
        }
        call = capped(grant, promptTokens);
        return false;
      },
      prepareStep: ({ stepNumber }) => {
        recorder.onStepStart(call.bound);
        thinkingGuard.bytes = 0;
        return {
          maxOutputTokens: call.settings.maxOutputTokens,
          providerOptions: call.settings.providerOptions,
          ...(stepNumber === MAX_TOOL_STEPS - 1 ? { toolChoice: "none" as const } : {}),
        };
      },
      onChunk: ({ chunk }) => {
        if (tap && chunk.type === "text-delta") first.text += chunk.text;
        if (chunk.type === "reasoning-delta") {
          if (tap) first.reasoning += chunk.text;
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
    // error chunk and still ends the stream normally, so the answer is always settled below.
    const stream = createUIMessageStream<ChatMessage>({
      generateId: () => assistantId,
      // A continued answer keeps its id and parts; what streams now is appended to it.
      originalMessages: continued ? messages : undefined,
      execute: async ({ writer }) => {
        ui = writer;
        // Only a continued answer waits for this read (its footer shows the whole answer).
        const earlierRows = await earlierUsage;
        // The chunk timeout ends a stalled stream as an abort; unless the user stopped it, say why.
        type Chunk = InferUIMessageChunk<ChatMessage>;
        const stalls = new TransformStream<Chunk, Chunk>({
          transform(chunk, controller) {
            if (chunk.type === "start") {
              controller.enqueue(chunk);
              // The platform's own tools show as notes on the answer (they report no results).
              for (const tool of [
                ...(settings.webSearch ? (["web-search"] as const) : []),
                ...(settings.codeInterpreter ? (["code-interpreter"] as const) : []),
              ]) {
                controller.enqueue({
                  type: "data-platform-tool",
                  id: tool,
                  data: { tool, platform: connection.label },
                });
              }
              return;
            }
            // A further call of the tool loop did not fit the budget: the answer ends here, saying so.
            if (chunk.type === "finish" && budget.stoppedBy) {
              controller.enqueue({ type: "error", errorText: shown(budget.stoppedBy).message });
            }
            // Thinking reached the budget's share where the platform cannot cap it: say so.
            if (chunk.type === "abort" && capAbort.signal.aborted && recorder.error) {
              controller.enqueue({ type: "error", errorText: recorder.error.message });
            }
            if (
              chunk.type === "abort" &&
              !signal.aborted &&
              !upstreamAbort.signal.aborted &&
              !capAbort.signal.aborted
            ) {
              const stalled = shown(
                appError("upstream_unavailable", "stalled", {
                  platform: connection.label,
                  seconds: Math.max(1, Math.round(stallTimeoutMs / 1000)),
                }),
              );
              recorder.onError(stalled);
              controller.enqueue({ type: "error", errorText: stalled.message });
            }
            controller.enqueue(chunk);
          },
        });
        writer.merge(
          result
            .toUIMessageStream<ChatMessage>({
              sendReasoning: true,
              messageMetadata: ({ part }) => {
                if (part.type === "start") return { createdAt: assistantCreatedAt.getTime(), parentId: answersId };
                if (part.type === "finish") {
                  recorder.onFinish(part.finishReason, part.totalUsage);
                  // What reload will show: the answer's ledger rows (a continued answer's earlier ones too).
                  const [rows] = ledgerEntries();
                  return { ...recorder.finishMetadata(), ...usageMetadata([...earlierRows, ...rows.map(figuresOf)]) };
                }
                return undefined;
              },
              onError,
            })
            .pipeThrough(stalls),
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
      onFinish: async ({ responseMessage, isAborted }) => {
        void mcp.close().catch(() => {});
        const status = recorder.status(isAborted || signal.aborted);
        // Figures the platform did not report are counted with the tokenizer (loaded on first need).
        if (recorder.needsEstimate()) await recorder.prepareEstimate().catch(() => {});
        const others = tap?.answers() ?? [];
        const otherIds = others.map(() => randomUUID());
        const entries = ledgerEntries(otherIds);
        const ledger = [
          ...ledgerStatements(entries.flat(), { timeZone: spend.timeZone }),
          ...budget.releaseStatements(),
        ];
        if (budget.holdsAny) afterResponse(() => sweepReservations());
        // The answer belongs to the user message (and, for a new chat, its conversation); without
        // it, only the ledger rows are written: the tokens were spent all the same.
        if (
          !(await userMessageSaved.then(
            () => true,
            () => false,
          ))
        ) {
          await sql()
            .batch(ledger, "write")
            .catch((error) => console.error("chat: failed to record usage", { conversationId: request.id, error }));
          return;
        }
        const answer = {
          parentId: answersId,
          conversationId: request.id,
          userId,
          status,
          model: recorder.answeredCatalogModel() ?? model.id,
        };
        try {
          await saveAnswers({
            answer: {
              ...answer,
              id: assistantId,
              continues: continued !== undefined,
              parts: partsToStore(responseMessage.parts),
              finishReason: recorder.finishReason,
              error: recorder.error ? { code: recorder.error.code, message: recorder.error.message } : null,
              createdAt: assistantCreatedAt,
            },
            // The other answers become its versions, just before it: the one that streamed stays
            // the newest version shown.
            others: others.map((other, i) => ({
              ...answer,
              id: otherIds[i],
              parts: [
                { type: "step-start" },
                ...(other.reasoning ? [{ type: "reasoning", text: other.reasoning, state: "done" }] : []),
                { type: "text", text: other.text, state: "done" },
              ],
              finishReason: other.finishReason,
              error: null,
              createdAt: new Date(assistantCreatedAt.getTime() - others.length + i),
            })),
            ledger,
          });
        } catch (error) {
          // The answer was streamed but could not be saved; what it spent is recorded all the same
          // (and its reservations given back), on its own.
          console.error("chat: failed to save the assistant message", { conversationId: request.id, error });
          await sql()
            .batch(ledger, "write")
            .catch((retry) =>
              console.error("chat: failed to record usage", { conversationId: request.id, error: retry }),
            );
          return;
        }
        // A new conversation gets a title from a cheap model, once its first answer is in.
        if (nameNewConversations && !existing && userMessage && status === "done") {
          const placeholder = titleFrom(textOf(userMessage));
          afterResponse(() =>
            generateTitle({
              connection,
              served,
              model: model.id,
              userId,
              conversationId: request.id,
              placeholder,
              userText: textOf(userMessage),
              answerText: textOf(responseMessage),
            }).catch((error) => console.error("chat: title generation failed", { conversationId: request.id, error })),
          );
        }
      },
    });
    streaming = true;
    return createUIMessageStreamResponse({ stream });
  } finally {
    if (!streaming) void budget.releaseAll().catch(() => {});
  }
}

/** Work after the response (kept alive on serverless hosts); run at once outside a request. */
function afterResponse(task: () => Promise<unknown>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}
