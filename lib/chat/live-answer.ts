import "server-only";
import { followGeneration, MOST_VIEWERS, requestStop } from "../generation/generation";
import { interrupt, isDead } from "../generation/recovery";
import { appError } from "../i18n/app-error";
import { liveAnswerIn } from "./queries/live-answers";

// What a viewer does with the answer being written in a conversation: follow it from its start
// (any tab, any instance: the AI SDK's resumeStream), or stop it. The conversation must be the
// caller's.

/** The answer's stream from its start, or null when nothing is being written (any more). */
export async function followAnswer(userId: string, conversationId: string): Promise<ReadableStream<Uint8Array> | null> {
  const answer = await liveAnswerIn(conversationId, userId);
  if (answer === undefined) throw appError("not_found", "conversationNotFound");
  if (!answer?.live) return null;
  const stream = await followGeneration(answer.live.streamId).catch(() => null);
  if (stream === "crowded") throw appError("rate_limited", "tooManyViewers", { most: MOST_VIEWERS });
  if (stream) return stream;
  // Its generation ended just now (the saved answer is what the viewer reads next), or died.
  if (await isDead(answer)) await interrupt(answer);
  return null;
}

/** Stops the answer being written, wherever it runs; false when nothing is being written. */
export async function stopAnswer(userId: string, conversationId: string): Promise<boolean> {
  const answer = await liveAnswerIn(conversationId, userId);
  if (answer === undefined) throw appError("not_found", "conversationNotFound");
  if (!answer) return false;
  if (answer.live && !(await isDead(answer))) {
    await requestStop(answer.live.streamId);
    return true;
  }
  // Nobody runs it any more: it ends here, as interrupted.
  await interrupt(answer);
  return true;
}
