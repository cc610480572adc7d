import "server-only";
import { isWatched, LIVE_STREAM_HEADERS, startGeneration } from "../generation/generation";
import { generationTimeLimitMs } from "../generation/limits";
import { replayPrefix } from "../generation/replay-prefix";
import type { ChatRequest } from "../shared/chat/request-schema";
import { partsToStore } from "../shared/chat/stored-message";
import { checkpointAnswer } from "./queries/live-answers";
import { prepareTurn, releasePrepared, type TurnCaller } from "./turn-prepare";
import { runTurn } from "./turn-run";

// One chat turn, in the phases README names: prepare (load, check, plan, admit: turn-prepare),
// run (model, tools, stream: turn-run), settle (price, ledger, save, title: turn-settle). The
// server owns the answer from admission on (lib/generation): the response streams it to the
// browser that asked, which is one viewer among any others and may leave; only a stop ends it.

export async function runChatTurn({
  request,
  stopSignal,
  stallTimeoutMs,
  nameNewConversations,
  ...caller
}: TurnCaller & {
  request: ChatRequest;
  /** Stops the answer as the Stop button does (tests; the browser's own request ending is no stop). */
  stopSignal?: AbortSignal;
  stallTimeoutMs?: number;
  nameNewConversations?: boolean;
}): Promise<Response> {
  const turn = await prepareTurn(caller, request);
  let started = false;
  try {
    const timeLimitMs = generationTimeLimitMs();
    const { chunks, end } = await runTurn(turn, {
      stallTimeoutMs,
      nameNewConversations,
      watched: () => isWatched(turn.streamId),
    });
    stopSignal?.addEventListener("abort", () => end("asked"), { once: true });
    const stream = await startGeneration({
      streamId: turn.streamId,
      userId: turn.userId,
      chunks,
      prefix: turn.continued ? replayPrefix(turn.continued) : [],
      stop: (reason) => end(reason, timeLimitMs),
      timeLimitMs,
      checkpoint: (parts) => checkpointAnswer(turn.assistantId, parts && partsToStore(parts)),
    }).catch((error) => {
      // The live bus refused it (Redis away): the answer stops at once and settles as stopped,
      // what it cost recorded, and the user is told.
      end("asked");
      void chunks.pipeTo(new WritableStream()).catch(() => {});
      throw error;
    });
    started = true;
    return new Response(stream, { headers: LIVE_STREAM_HEADERS });
  } finally {
    // Whatever failed before the answer started gives the reservations back at once.
    if (!started) void releasePrepared(turn);
  }
}
