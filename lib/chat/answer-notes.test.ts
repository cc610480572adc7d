import type { InferUIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../shared/chat/message";
import { type AnswerNotes, answerNotes } from "./answer-notes";

type Chunk = InferUIMessageChunk<ChatMessage>;

async function through(chunks: Chunk[], over: Partial<AnswerNotes> = {}): Promise<Chunk[]> {
  const notes: AnswerNotes = {
    platformTools: [],
    platformLabel: "DashScope",
    stoppedEarly: () => null,
    abortedBy: () => "asked",
    stalled: () => "DashScope stopped sending for 90 seconds.",
    endedWithout: async () => ({ status: "stopped" }),
    ...over,
  };
  const out: Chunk[] = [];
  const stream = new ReadableStream<Chunk>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  }).pipeThrough(answerNotes(notes));
  for await (const chunk of stream as unknown as AsyncIterable<Chunk>) out.push(chunk);
  return out;
}

const start: Chunk = { type: "start", messageId: "a" };
const finish: Chunk = { type: "finish", finishReason: "stop" };
const abort: Chunk = { type: "abort" };

describe("the notes on an answer", () => {
  it("name the platform's own tools right after the start", async () => {
    const out = await through([start, finish], { platformTools: ["web-search"] });
    expect(out[1]).toEqual({
      type: "data-platform-tool",
      id: "web-search",
      data: { tool: "web-search", platform: "DashScope" },
    });
  });

  it("say why an answer ended early, and nothing about a stop that was asked for", async () => {
    expect((await through([start, finish], { stoppedEarly: () => "No budget left." })).at(-2)).toEqual({
      type: "error",
      errorText: "No budget left.",
    });
    const stopped = await through([start, abort]);
    expect(stopped.some((c) => c.type === "error")).toBe(false);
    const limited = await through([start, abort], { abortedBy: () => ({ said: "Past the time limit." }) });
    expect(limited).toContainEqual({ type: "error", errorText: "Past the time limit." });
    const stalled = await through([start, abort], { abortedBy: () => null });
    expect(stalled).toContainEqual({ type: "error", errorText: "DashScope stopped sending for 90 seconds." });
  });

  it("give an answer that ended without a finish its status and cost, and no more to a finished one", async () => {
    expect((await through([start, abort])).at(-1)).toEqual({
      type: "message-metadata",
      messageMetadata: { status: "stopped" },
    });
    expect((await through([start, finish])).at(-1)).toEqual(finish);
  });
});
