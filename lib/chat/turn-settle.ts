import "server-only";
import { randomUUID } from "node:crypto";
import { keepAlive } from "../keep-alive";
import { catalogIdOfAnswer } from "../providers/connections";
import type { ModelId } from "../shared/catalog/models";
import { type ChatMessage, textOf } from "../shared/chat/message";
import { partsToStore } from "../shared/chat/stored-message";
import { titleFrom } from "../shared/chat/title";
import type { PlatformDescription } from "../shared/platforms";
import { chargeCall, splitCost } from "../spend/charges";
import type { SpendConfig } from "../spend/config";
import type { CallCost } from "../spend/pricing";
import { type LedgerEntry, ledgerStatements, recordLedger } from "../spend/queries/ledger";
import { sweepReservations } from "../spend/sweep";
import { generateTitle } from "./auto-title";
import { type ExtraCandidates, shareUsage } from "./candidates";
import { refreshSummary } from "./context/summary";
import { saveAnswers } from "./queries/turn";
import type { PreparedTurn } from "./turn-prepare";
import type { RecordedCall, TurnRecorder } from "./turn-recorder";

// The last phase of a turn, once its stream has ended (finished, stopped, failed): price each
// upstream call, then save the answer (and the other answers asked for with it, as versions),
// its ledger rows and the release of its reservations in one transaction; name a new
// conversation. Runs on the server whether or not anybody watches.

interface Watched {
  recorder: TurnRecorder;
  extras: ExtraCandidates | undefined;
  /** What the answer that streamed said, when several were asked for (`extras` keeps the others). */
  first: { reasoning: string; text: string };
}

/**
 * The ledger rows of the turn, per answer: one per upstream call for the answer that streamed
 * (each step of a tool loop), or, for several answers at once, the one call's usage and cost
 * shared out among them. The first row of the streamed answer carries the turn's timings.
 */
export function ledgerEntriesOf(turn: PreparedTurn, { recorder, extras, first }: Watched) {
  const { platform, model, served, spend } = turn;
  return (otherIds: string[] = []): LedgerEntry[][] => {
    const timings = recorder.timings();
    const entry = (messageId: string, call: RecordedCall, cost: CallCost, usage = call.usage) => ({
      userId: turn.userId,
      conversationId: turn.request.id,
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
    const charge = (call: RecordedCall) => chargeRecorded(spend, { platform, served, model: model.id }, call);
    const calls = recorder.calls();
    const others = extras?.answers() ?? [];
    if (!others.length) {
      return [
        calls.map((call, i) => ({
          ...entry(turn.assistantId, call, charge(call)),
          timings: i === 0 ? timings : undefined,
        })),
      ];
    }
    const [call] = calls;
    const shares = shareUsage(call.usage, [first, ...others]);
    const costs = splitCost(charge(call), shares);
    return shares.map((usage, i) => [
      {
        ...entry(i === 0 ? turn.assistantId : (otherIds[i - 1] ?? ""), call, costs[i], usage),
        timings: i === 0 ? timings : { ttftMs: timings.ttftMs, reasoningMs: null, durationMs: timings.durationMs },
      },
    ]);
  };
}

/**
 * What one recorded upstream call cost, at the price of the model that answered (a fallback's
 * included), or as the platform reported it where it reports its cost (chat turns and API calls).
 */
export function chargeRecorded(
  spend: SpendConfig,
  { platform, served, model }: { platform: PlatformDescription; served: ReadonlyMap<ModelId, string>; model: ModelId },
  call: RecordedCall,
): CallCost {
  return chargeCall(spend, {
    platform: platform.id,
    model: (call.answeredModel && catalogIdOfAnswer(served, call.answeredModel)) || model,
    usage: call.usage,
    at: call.startedAt,
    reported:
      call.reportedCost !== undefined && platform.reportedCostCurrency
        ? { amount: call.reportedCost, currency: platform.reportedCostCurrency }
        : undefined,
  });
}

export async function settleTurn(
  turn: PreparedTurn,
  ended: {
    responseMessage: ChatMessage;
    /** Stopped by the user (the Stop button, from any tab), not failed. */
    stopped: boolean;
    recorder: TurnRecorder;
    extras: ExtraCandidates | undefined;
    ledger: ReturnType<typeof ledgerEntriesOf>;
    userMessageSaved: Promise<unknown>;
    watched: () => Promise<boolean>;
    nameNewConversation: boolean;
  },
): Promise<void> {
  const { request } = turn;
  const { recorder, responseMessage } = ended;
  void turn.mcp.close().catch(() => {});
  const status = recorder.status(ended.stopped);
  // Figures the platform did not report are counted with the tokenizer (loaded on first need).
  if (recorder.needsEstimate()) await recorder.prepareEstimate().catch(() => {});
  const others = ended.extras?.answers() ?? [];
  const otherIds = others.map(() => randomUUID());
  const entries = ended.ledger(otherIds);
  const releases = turn.budget.releaseStatements();
  const ledger = [...ledgerStatements(entries.flat(), { timeZone: turn.spend.timeZone }), ...releases];
  if (turn.budget.holdsAny) keepAlive(sweepReservations());
  const recordUsageOnly = () =>
    recordLedger(entries.flat(), { timeZone: turn.spend.timeZone, after: releases }).catch((error) =>
      console.error("chat: failed to record usage", { conversationId: request.id, error }),
    );
  // The answer belongs to the user message (and, for a new chat, its conversation); without
  // it, only the ledger rows are written: the tokens were spent all the same.
  const saved = await ended.userMessageSaved.then(
    () => true,
    () => false,
  );
  if (!saved) {
    await recordUsageOnly();
    return;
  }
  const answer = {
    parentId: turn.answersId,
    conversationId: request.id,
    userId: turn.userId,
    status,
    model: recorder.answeredCatalogModel() ?? turn.model.id,
  };
  try {
    await saveAnswers({
      answer: {
        ...answer,
        id: turn.assistantId,
        // Its row was written when the turn started (being written).
        continues: true,
        parts: partsToStore(responseMessage.parts),
        finishReason: recorder.finishReason,
        error: recorder.error ? { code: recorder.error.code, message: recorder.error.message } : null,
        createdAt: turn.assistantCreatedAt,
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
        // Asked in the same call: they saw what the first answer saw.
        context: turn.context,
        createdAt: new Date(turn.assistantCreatedAt.getTime() - others.length + i),
      })),
      ledger,
      unseen: !(await ended.watched().catch(() => true)),
    });
  } catch (error) {
    // The answer was streamed but could not be saved; what it spent is recorded all the same
    // (and its reservations given back), on its own.
    console.error("chat: failed to save the assistant message", { conversationId: request.id, error });
    await recordUsageOnly();
    return;
  }
  // A long conversation's summary is brought up to what this turn left out, once its answer is
  // in: off the way to the first token (lib/chat/context/summary.ts), for the next turns.
  if (turn.summaryRefresh) {
    keepAlive(
      refreshSummary({
        connection: turn.connection,
        served: turn.served,
        model: turn.model.id,
        userId: turn.userId,
        conversationId: request.id,
        ...turn.summaryRefresh,
      }).catch((error) => console.error("chat: summary failed", { conversationId: request.id, error })),
    );
  }
  // A new conversation gets a title from a cheap model, once its first answer is in.
  const { userMessage } = turn;
  if (ended.nameNewConversation && !turn.existing && userMessage && status === "done") {
    keepAlive(
      generateTitle({
        connection: turn.connection,
        served: turn.served,
        model: turn.model.id,
        userId: turn.userId,
        conversationId: request.id,
        placeholder: titleFrom(textOf(userMessage)),
        userText: textOf(userMessage),
        answerText: textOf(responseMessage),
      }).catch((error) => console.error("chat: title generation failed", { conversationId: request.id, error })),
    );
  }
}
