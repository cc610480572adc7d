import "server-only";
import { randomUUID } from "node:crypto";
import { standingError } from "../auth/standing";
import type { AppError } from "../errors";
import { interrupt, isDead } from "../generation/recovery";
import { appError, localized, requestLocale } from "../i18n/app-error";
import { cachedMcpServers } from "../mcp/servers";
import { mcpTools } from "../mcp/turn-tools";
import { fallbackModels } from "../providers/configured";
import { getConnection, modelsOf } from "../providers/connections";
import { MODELS, type ModelId } from "../shared/catalog/models";
import { modelProfile } from "../shared/catalog/profile";
import { type ChatMessage, type ChatPart, type ContextFigures, textOf } from "../shared/chat/message";
import type { ChatRequest } from "../shared/chat/request-schema";
import { withApprovals } from "../shared/chat/tool-approvals";
import { enabledServed, isModelEnabled } from "../shared/team-policy";
import { spendConfig } from "../spend/config";
import { messagesBound, toolsBound } from "../spend/prompt-bound";
import { TurnBudget } from "../spend/turn-budget";
import { assertTurnFits } from "../storage/turn-quota";
import { teamPolicy } from "../team/settings";
import { builtinTools } from "../tools";
import { AllowedUrls } from "../tools/allowed-urls";
import { admitCall, releaseAdmitted } from "./call-admission";
import { callSettings, outputTokensOf } from "./call-settings";
import {
  fitContext,
  fixedTokens,
  latestTurnStart,
  leastOutputRoom,
  type Measured,
  measure,
  outputRoom as roomFor,
} from "./context/fit";
import { parseSummary, summaryDue, summaryUsable, withSummary } from "./context/summary";
import type { LiveAnswer } from "./queries/live-answers";
import { type BranchRow, getTurnContext, historyMessage, partsOf } from "./queries/turn";

// The first phase of a turn: load what it needs in one round trip, check that the user may do
// what they ask, plan the call, and admit it against the budgets and the running-answers limit.
// Nothing is written to the conversation here: a refused request leaves no trace (the browser
// gives the text back to the composer).

export interface TurnCaller {
  userId: string;
  /** When the session began: one the admin revoked since is refused. */
  signedInAt: number;
  /** The session's id: one signed out since is refused. */
  sessionId: string;
}

export type PreparedTurn = Awaited<ReturnType<typeof prepareTurn>>;

export async function prepareTurn(caller: TurnCaller, request: ChatRequest) {
  const { userId } = caller;
  const [connection, context, mcpServers, locale, spend, policy] = await Promise.all([
    getConnection(request.connection),
    getTurnContext(caller, request.id, {
      // The branch ends at the answer that goes on, or at the message the new one follows.
      anchor: request.trigger === "respond-to-tools" ? request.messageId : request.parentId,
      newMessageId: request.trigger === "submit-message" ? request.message.id : undefined,
    }),
    request.tools || request.trigger === "respond-to-tools" ? cachedMcpServers() : [],
    requestLocale(),
    spendConfig(),
    teamPolicy(),
  ]);
  // Errors that reach the user mid-stream are worded in their language (before the stream, the
  // route does it).
  const shown = (error: AppError) => localized(error, locale);
  if (!connection) throw appError("no_platform", "noPlatform");
  const { platform } = connection;

  if (context.standing.refused) throw standingError(context.standing.refused);
  const existing = context.conversation;
  if (existing && existing.userId !== userId) throw appError("not_found", "conversationNotFound");
  // The branch from a root down to the anchor (lib/chat/queries/turn): nothing else is read.
  const branch = existing?.branch ?? [];
  await assertNothingRunning(existing?.streaming ?? [], request.id);

  // Decisions on tool calls continue the answer that asked for them (lib/shared/chat/tool-approvals).
  const anchor = branch.at(-1);
  const answered =
    request.trigger === "respond-to-tools" && anchor?.id === request.messageId && anchor.role === "assistant"
      ? anchor
      : undefined;
  if (request.trigger === "respond-to-tools" && !answered) throw appError("not_found", "answerGone");
  // The model sees the branch the new message continues: from a root down to its parent.
  const parentId = answered ? answered.parentId : request.trigger === "respond-to-tools" ? null : request.parentId;
  const history = answered ? branch.slice(0, -1) : branch;
  const parent = parentId === null ? undefined : history.at(-1);
  if (parentId !== null && parent?.id !== parentId) throw appError("not_found", "parentGone");
  if (request.trigger === "regenerate-message" && parent?.role !== "user") {
    throw appError("bad_request", "notAnswerable");
  }
  const toChat = (m: BranchRow): ChatMessage => ({
    id: m.id,
    role: m.role === "assistant" ? "assistant" : "user",
    parts: partsOf(m) as ChatPart[],
    metadata: { createdAt: m.createdAt, parentId: m.parentId },
  });
  const sentBefore: ChatMessage[] = [];
  /** Their estimates: as stored with each (lib/chat/context/fit.ts, estimateMessage), else measured here. */
  const measuredBefore: Measured[] = [];
  for (const row of history) {
    const m = historyMessage(row);
    // A stored estimate is of parts a turn sends (none is stored for a message without parts).
    if (row.estimate) {
      sentBefore.push(m);
      measuredBefore.push({ role: m.role, full: row.estimate.tokens, lean: row.estimate.leanTokens });
    } else if (m.parts.length > 0) {
      sentBefore.push(m);
      measuredBefore.push(measure([m])[0]);
    }
  }
  const continued =
    (answered && request.trigger === "respond-to-tools" && withApprovals(toChat(answered), request.approvals)) ||
    undefined;
  if (answered && !continued) throw appError("conflict", "decisionsTaken");

  const message = request.trigger === "submit-message" ? request.message : undefined;
  if (message && existing?.sent) throw appError("conflict", "alreadySent");
  // Storage quotas (lib/storage), from the read above: a user at a limit starts nothing new.
  assertTurnFits(context.storage, { isNew: !existing, message });

  const model = MODELS[request.model];
  if (!isModelEnabled(policy, model.id)) throw appError("forbidden", "modelDisabled", { model: model.label });
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
  const asked = callSettings(platform, profile, request);
  const userCreatedAt = new Date();
  // Absent when an existing message is answered again (regenerate).
  const userMessage: ChatMessage | undefined = message && {
    id: message.id,
    role: "user",
    parts: message.parts,
    metadata: { createdAt: userCreatedAt.getTime(), parentId },
  };
  const answersId = userMessage?.id ?? (parent?.id as string);
  const messages = userMessage ? [...sentBefore, userMessage] : continued ? [...sentBefore, continued] : sentBefore;

  // The generation's own stop: the Stop button from any tab or instance, or the host's time
  // limit (lib/generation). The browser's request ending is not a stop.
  const stop = new AbortController();
  const offersTools = asked.tools || continued !== undefined;
  // The team's MCP tools are connected only if the model calls one; closed when the turn ends.
  const mcp = mcpTools(mcpServers, stop.signal);
  const tools = offersTools
    ? {
        ...builtinTools(new AllowedUrls(messages.filter((m) => m.role === "user").map((m) => textOf(m)))),
        ...mcp.tools,
      }
    : undefined;

  // What goes upstream: the branch fitted to the model's context window on this platform, less
  // the output the call may produce (lib/chat/context/fit). Sized for the output asked for, which
  // the conversation may take down to an eighth of the window: the call is then sent with that
  // smaller limit (a budget's grant can only be smaller still). A turn whose latest message alone
  // does not fit is refused here, before anything is held or sent.
  const toolTokens = await toolsBound(tools);
  const window = profile.limits.contextWindow;
  const outputRoom = roomFor(asked.output, profile.limits);
  const least = leastOutputRoom(outputRoom, window);
  const measured = [...measuredBefore, ...measure(messages.slice(sentBefore.length))];
  const plain = fitContext({
    messages,
    measured,
    window,
    output: outputRoom,
    least,
    fixed: fixedTokens(request.systemPrompt, toolTokens),
  });
  if (!plain.fits) {
    const latest = measured.slice(latestTurnStart(measured)).reduce((sum, m) => sum + m.full, 0);
    throw appError("context_too_long", "contextTooLong", {
      model: model.label,
      platform: connection.label,
      window,
      output: least,
      room: Math.max(0, plain.room),
      tokens: latest,
    });
  }
  // Where earlier messages are left out, the conversation's summary of them goes at the end of
  // the system prompt, its tokens counted in the fit (which may leave out more), if it covers
  // only messages left out (lib/chat/context/summary.ts). It is read with the branch, never
  // written here: the turn sends the summary it finds, and brings it up to what it left out
  // after the answer (turn-settle), so that the first token waits for no extra call.
  const summarize = request.summarize ?? true;
  const stored = summarize && plain.omitted > 0 ? parseSummary(existing?.summary) : null;
  const withStored =
    stored && summaryUsable(stored, messages, plain.omitted) ? withSummary(request.systemPrompt, stored) : undefined;
  const summarized = withStored
    ? fitContext({ messages, measured, window, output: outputRoom, least, fixed: fixedTokens(withStored, toolTokens) })
    : undefined;
  const fit = summarized?.fits ? summarized : plain;
  const system = summarized?.fits && withStored ? withStored : request.systemPrompt;
  const fixed = fixedTokens(system, toolTokens);
  const summarySent = summarized?.fits ? stored : null;
  const sent = fit.messages;
  /** The output all answers may produce, where the conversation took some of its room. */
  const outputCap = fit.output < outputRoom ? fit.output * asked.candidates : undefined;
  const settings = outputCap === undefined ? asked : callSettings(platform, profile, request, outputCap);
  const contextSent: ContextFigures = {
    omitted: fit.omitted,
    ...(fit.leaned ? { leaned: fit.leaned } : {}),
    firstId: sent[0]?.id ?? null,
    tokens: fit.tokens,
    window,
    ...(summarySent ? { summarized: true, summaryTokens: summarySent.tokens } : {}),
  };
  /** The summary to bring up to the last message left out, after the answer (lib/chat/context/summary.ts). */
  const summaryRefresh =
    summarize && fit.omitted > 0 && summaryDue(stored, messages, measured, fit.omitted)
      ? { previous: stored, stored: existing?.summary ?? null, messages, omitted: fit.omitted }
      : undefined;

  // A fallback whose window cannot hold what is sent beside its output would only refuse it.
  const holdsSent = (id: ModelId) => {
    const limits = modelProfile(platform, id)?.limits;
    return limits !== undefined && fit.tokens + roomFor(settings.output, limits) <= limits.contextWindow;
  };

  // Budgets and the rate limit: the call's prompt bound and the output it may produce are held
  // before anything is written or sent. Under a budget that is running low, the output is capped
  // to what the call may spend (lib/spend/admission) and the call is sent with that limit.
  const budget = new TurnBudget(spend, {
    userId,
    platform: platform.id,
    models: [model.id, ...(settings.candidates > 1 ? [] : fallbackModels(served, model.id).filter(holdsSent))],
    candidates: settings.candidates,
  });
  // The most the prompt can be, of what is sent (only where a budget needs it):
  // its bytes, and never more than the models take in (a longer prompt is refused, and free);
  // where the platform runs tools itself, it adds their results to the prompt, up to that.
  const maxInput = Math.max(...budget.models.map((id) => modelProfile(platform, id)?.limits.maxInputTokens ?? 0));
  const promptBound = !budget.budgeted
    ? 0
    : settings.webSearch || settings.codeInterpreter
      ? maxInput
      : Math.min(maxInput, messagesBound(system, sent) + toolTokens);
  const wanted = outputTokensOf(settings.output);
  const streamId = randomUUID();
  // The user's answers being written at once are limited: claimed before the budget is held.
  const firstGrant = await admitCall(budget, {
    userId,
    streamId,
    runningPerUser: spend.runningPerUser,
    estimate: { promptTokens: promptBound, outputTokens: wanted, at: userCreatedAt },
  });

  const assistantId = continued?.id ?? randomUUID();
  return {
    ...caller,
    request,
    connection,
    platform,
    served,
    model,
    upstreamModel,
    profile,
    settings,
    spend,
    shown,
    existing,
    answered,
    continued,
    userMessage,
    /** The message the new one follows (null: a first message), or the one answered again. */
    parentId,
    userCreatedAt,
    answersId,
    /** What the first call sends (the branch fitted to the window), and how it was fitted. */
    messages: sent,
    /** The system prompt sent: the conversation's, and the summary of what is left out, if any. */
    system,
    summaryRefresh,
    context: contextSent,
    fitting: { all: messages, measured, window, output: fit.output, fixed },
    outputCap,
    tools,
    mcp,
    budget,
    wanted,
    promptBound,
    firstGrant,
    stop,
    streamId,
    assistantId,
    // Strictly after the user message, so that ordering by creation time is unambiguous.
    assistantCreatedAt: answered
      ? new Date(answered.createdAt)
      : new Date(Math.max(Date.now(), userCreatedAt.getTime() + 1)),
  };
}

/** Gives back what an admitted turn holds, when it ends before its generation starts. */
export async function releasePrepared(turn: PreparedTurn): Promise<void> {
  await releaseAdmitted(turn.budget, turn.userId, turn.streamId);
}

/**
 * One answer at a time per conversation: a new turn waits for the one being written (another
 * tab, another device). One whose server died is settled as interrupted, and the turn goes on.
 */
async function assertNothingRunning(
  streaming: { id: string; status: string; live: LiveAnswer["live"] }[],
  conversationId: string,
): Promise<void> {
  for (const m of streaming) {
    if (m.status !== "streaming") continue;
    const answer = { id: m.id, conversationId, live: m.live };
    if (!(await isDead(answer))) throw appError("conflict", "answerInProgress");
    await interrupt(answer);
  }
}
