import { type InferUIMessageChunk, readUIMessageStream } from "ai";
import type { ChatMessage, ChatPart } from "../shared/chat/message";

type Chunk = InferUIMessageChunk<ChatMessage>;

// What a generation streamed so far, kept small: consecutive pieces of one text, thought or
// tool input are joined into one chunk as they arrive (a string append per chunk), so that a
// checkpoint rebuilds the answer from a few dozen chunks rather than thousands.

export class ChunkLog {
  private readonly chunks: Chunk[] = [];
  /** Something arrived since the last `parts()`. */
  changed = false;

  add(chunk: Chunk): void {
    this.changed = true;
    const last = this.chunks.at(-1);
    if (
      (chunk.type === "text-delta" || chunk.type === "reasoning-delta") &&
      last?.type === chunk.type &&
      last.id === chunk.id
    ) {
      this.chunks[this.chunks.length - 1] = { ...last, delta: last.delta + chunk.delta };
      return;
    }
    if (
      chunk.type === "tool-input-delta" &&
      last?.type === "tool-input-delta" &&
      last.toolCallId === chunk.toolCallId
    ) {
      this.chunks[this.chunks.length - 1] = { ...last, inputTextDelta: last.inputTextDelta + chunk.inputTextDelta };
      return;
    }
    // The chunk object goes on down the stream: the log keeps its own copy of what it may join.
    this.chunks.push(chunk.type.endsWith("-delta") ? { ...chunk } : chunk);
  }

  /** Chunks kept (after joining). */
  get size(): number {
    return this.chunks.length;
  }

  /** The answer as a viewer would show it now. */
  async parts(): Promise<ChatPart[]> {
    this.changed = false;
    let message: ChatMessage | undefined;
    const stream = new ReadableStream<Chunk>({
      start: (controller) => {
        for (const chunk of this.chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    for await (const snapshot of readUIMessageStream<ChatMessage>({ stream })) message = snapshot;
    return message?.parts ?? [];
  }
}
