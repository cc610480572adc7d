import "server-only";
import { parseSettings } from "../chat/conversation-settings";
import { claimInterrupted, interruptedContext, type LiveAnswer, liveAnswers } from "../chat/queries/live-answers";
import { pathTo } from "../shared/chat/branches";
import type { ChatPart } from "../shared/chat/message";
import { chargeCall } from "../spend/charges";
import { spendConfig } from "../spend/config";
import { promptText } from "../spend/prompt-bound";
import { recordLedger, releaseStatements } from "../spend/queries/ledger";
import { countTokens, loadTokenizer } from "../spend/tokens";
import { liveBus } from "./bus";
import { isKnown, LEASE_MS } from "./generation";

// Answers whose generation died with its server (a crash, a kill, a deploy that did not wait):
// marked interrupted with the text of their last checkpoint, billed by estimate, their
// reservations released. Found at start, every minute, and when somebody opens one.

export const INTERRUPTED = {
  code: "interrupted",
  message: "The server stopped while this answer was being written. Regenerate it to try again.",
};

/** Its stream is registered on the live bus before its row is written: a grace for the race. */
const REGISTERED_WITHIN_MS = 5_000;
/** When this process started (its clock's origin). */
const PROCESS_STARTED_AT = performance.timeOrigin;

/**
 * True when the answer's generation is gone: its heartbeat (every checkpoint) stopped, or the
 * live bus does not know its stream (the process that ran it is gone with its memory).
 */
export async function isDead(answer: LiveAnswer, now = Date.now()): Promise<boolean> {
  const live = answer.live;
  if (!live) return true;
  if (now - (live.renewedAt ?? live.startedAt) > LEASE_MS) return true;
  // The grace is for a process still registering it; on the memory bus (one process) an answer
  // begun before this process started has none: a server restarted at once finds it dead.
  const registering =
    now - live.startedAt <= REGISTERED_WITHIN_MS &&
    !(liveBus().kind === "memory" && live.startedAt < PROCESS_STARTED_AT);
  return !registering && !(await isKnown(live.streamId));
}

/** Settles every dead answer; returns how many. */
export async function recoverDeadAnswers(): Promise<number> {
  let recovered = 0;
  for (const answer of await liveAnswers()) {
    if (await isDead(answer)) recovered += (await interrupt(answer)) ? 1 : 0;
  }
  return recovered;
}

/** Marks one dead answer interrupted and bills what it had written; false if it was settled meanwhile. */
export async function interrupt(answer: LiveAnswer): Promise<boolean> {
  if (!(await claimInterrupted(answer.id, INTERRUPTED))) return false;
  const live = answer.live;
  if (!live) return true;
  try {
    const [context, spend] = await Promise.all([interruptedContext(answer.id), spendConfig(), loadTokenizer()]);
    const parts = (Array.isArray(context?.answer.parts) ? context.answer.parts : []) as ChatPart[];
    const nodes = (context?.messages ?? []).map((m) => ({ ...m, createdAt: m.createdAt.getTime() }));
    const history = pathTo(nodes, context?.answer.parentId ?? null);
    const prompt = await promptText(
      parseSettings(context?.answer.conversation.settings).systemPrompt,
      history.map((m) => ({ parts: (Array.isArray(m.parts) ? m.parts : []) as ChatPart[] })),
      undefined,
    );
    // Everything the model wrote: thoughts, text and tool arguments.
    const written = parts.map((p) =>
      "text" in p && typeof p.text === "string" ? p.text : "input" in p ? JSON.stringify(p.input ?? "") : "",
    );
    const reasoning = parts.filter((p) => p.type === "reasoning").map((p) => (p as { text: string }).text);
    const inputTokens = countTokens(prompt);
    const outputTokens = countTokens(written.join(""));
    const usage = {
      inputTokens,
      outputTokens,
      reasoningTokens: Math.min(outputTokens, countTokens(reasoning.join(""))),
      cachedInputTokens: 0,
      totalTokens: inputTokens + outputTokens,
      estimated: true,
    };
    const at = new Date(live.startedAt);
    const entry = {
      userId: live.userId,
      conversationId: answer.conversationId,
      messageId: answer.id,
      purpose: "answer" as const,
      platform: live.platform,
      requestedModel: live.model,
      answeredModel: null,
      usage,
      cost: chargeCall(spend, { platform: live.platform, model: live.model, usage, at }),
      at,
    };
    await recordLedger([entry], { timeZone: spend.timeZone, after: live.reservations.flatMap(releaseStatements) });
  } catch (error) {
    // The answer is marked; its reservations go with the stale sweep (lib/spend/sweep).
    console.error("generation: could not bill an interrupted answer", { id: answer.id, error });
  }
  return true;
}

/** Finds dead answers now and every minute after (one server's share; others do the same). */
export function watchForDeadAnswers(): void {
  const sweep = () =>
    recoverDeadAnswers()
      .then((n) => n > 0 && console.warn(`glm-chat: ${n} answer(s) interrupted by a server that stopped`))
      .catch((error) => console.error("generation: could not look for interrupted answers", error));
  void sweep();
  setInterval(sweep, 60_000).unref?.();
}
