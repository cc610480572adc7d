import { type InferUIMessageChunk, readUIMessageStream } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../shared/chat/message";
import { ChunkLog } from "./chunk-log";
import { replayPrefix } from "./replay-prefix";

type Chunk = InferUIMessageChunk<ChatMessage>;

// A checkpoint must show what a viewer shows: the compacted log rebuilds the same message as
// every chunk would, and a continued answer's prefix rebuilds the answer it continues.

async function messageOf(chunks: Chunk[]): Promise<ChatMessage | undefined> {
  let message: ChatMessage | undefined;
  const stream = new ReadableStream<Chunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const snapshot of readUIMessageStream<ChatMessage>({ stream })) message = snapshot;
  return message;
}

const answer: Chunk[] = [
  { type: "start", messageId: "a1" },
  { type: "start-step" },
  { type: "reasoning-start", id: "r" },
  ...Array.from({ length: 50 }, (_, i) => ({ type: "reasoning-delta" as const, id: "r", delta: `think${i} ` })),
  { type: "reasoning-end", id: "r" },
  { type: "tool-input-start", toolCallId: "c1", toolName: "read_web_page" },
  { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '{"url":' },
  { type: "tool-input-delta", toolCallId: "c1", inputTextDelta: '"https://example.com"}' },
  { type: "tool-input-available", toolCallId: "c1", toolName: "read_web_page", input: { url: "https://example.com" } },
  { type: "tool-output-available", toolCallId: "c1", output: { text: "Example" } },
  { type: "data-tool-duration", id: "c1", data: { ms: 12 } },
  { type: "finish-step" },
  { type: "start-step" },
  { type: "text-start", id: "t" },
  ...Array.from({ length: 200 }, (_, i) => ({ type: "text-delta" as const, id: "t", delta: `w${i} ` })),
];

describe("the chunk log", () => {
  it("rebuilds the answer so far from far fewer chunks than arrived", async () => {
    const log = new ChunkLog();
    for (const chunk of answer) log.add(chunk);
    expect(log.changed).toBe(true);
    expect(await log.parts()).toEqual((await messageOf(answer))?.parts);
    expect(log.changed).toBe(false);
    expect(log.size).toBeLessThan(20);
  });

  it("never changes a chunk that went on down the stream", () => {
    const log = new ChunkLog();
    const deltas = answer.filter((c) => c.type === "text-delta");
    const before = JSON.stringify(deltas);
    for (const chunk of deltas) log.add(chunk);
    expect(JSON.stringify(deltas)).toBe(before);
  });
});

describe("the replay prefix of a continued answer", () => {
  it("rebuilds the answer as it was, for a viewer that starts from nothing", async () => {
    const before = await messageOf([
      ...answer,
      { type: "text-end", id: "t" },
      { type: "tool-input-available", toolCallId: "c2", toolName: "mcp_fetch", input: { q: 1 }, dynamic: true },
      { type: "tool-approval-request", approvalId: "ap1", toolCallId: "c2" },
      { type: "finish-step" },
    ]);
    const continued = before as ChatMessage;
    const rebuilt = await messageOf(replayPrefix(continued));
    expect(rebuilt?.id).toBe(continued.id);
    expect(rebuilt?.parts).toEqual(continued.parts);
  });
});
