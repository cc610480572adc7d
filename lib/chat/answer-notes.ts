import type { InferUIMessageChunk } from "ai";
import type { ChatMessage, MessageMetadata } from "../shared/chat/message";

type Chunk = InferUIMessageChunk<ChatMessage>;

// What the server adds to the model's stream so that every viewer reads how the answer went:
// the platform's own tools as notes, why it ended early (a budget, a stall, the time limit), and
// for an answer that ended without a finish, its status and cost as reload will show them.

export interface AnswerNotes {
  /** The tools the platform runs itself for this answer (they report no results). */
  platformTools: readonly ("web-search" | "code-interpreter")[];
  platformLabel: string;
  /** Why the tool loop ended before its last step (a budget), worded; null if it did not. */
  stoppedEarly: () => string | null;
  /**
   * Why the stream was aborted on the server's side, if it was: "asked" (a stop; nothing to
   * add), or the words of a limit (a budget's thinking share, the time limit). Null: the stream
   * was aborted by nobody, so the platform stalled.
   */
  abortedBy: () => "asked" | { said: string } | null;
  /** The stall's words; recorded as the answer's error. */
  stalled: () => string;
  /** The metadata of an answer that ended without a finish (usage estimated where none came). */
  endedWithout: () => Promise<MessageMetadata>;
}

export function answerNotes(notes: AnswerNotes): TransformStream<Chunk, Chunk> {
  let finished = false;
  return new TransformStream<Chunk, Chunk>({
    transform(chunk, controller) {
      if (chunk.type === "finish") finished = true;
      if (chunk.type === "start") {
        controller.enqueue(chunk);
        for (const tool of notes.platformTools) {
          controller.enqueue({ type: "data-platform-tool", id: tool, data: { tool, platform: notes.platformLabel } });
        }
        return;
      }
      // A further call of the tool loop did not fit the budget: the answer ends here, saying so.
      const early = chunk.type === "finish" ? notes.stoppedEarly() : null;
      if (early) controller.enqueue({ type: "error", errorText: early });
      if (chunk.type === "abort") {
        const by = notes.abortedBy();
        if (by === null) controller.enqueue({ type: "error", errorText: notes.stalled() });
        else if (by !== "asked") controller.enqueue({ type: "error", errorText: by.said });
      }
      controller.enqueue(chunk);
    },
    async flush(controller) {
      if (!finished) controller.enqueue({ type: "message-metadata", messageMetadata: await notes.endedWithout() });
    },
  });
}
