import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { coalescingDeltas } from "./coalesce-deltas";

type Part = LanguageModelV3StreamPart;

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Writes `batches` of parts, each batch within one turn of the event loop; returns what came out. */
async function through(batches: Part[][]): Promise<Part[]> {
  const stream = coalescingDeltas();
  const out: Part[] = [];
  const read = stream.readable.pipeTo(new WritableStream({ write: (part) => void out.push(part) }));
  const writer = stream.writable.getWriter();
  for (const batch of batches) {
    for (const part of batch) void writer.write(part);
    await nextTurn();
  }
  await writer.close();
  await read;
  return out;
}

const reasoning = (delta: string): Part => ({ type: "reasoning-delta", id: "r", delta });
const text = (delta: string, id = "t"): Part => ({ type: "text-delta", id, delta });

describe("coalescingDeltas", () => {
  it("joins the pieces of one block that arrive together, and keeps every character in order", async () => {
    const out = await through([
      [{ type: "reasoning-start", id: "r" }, reasoning("Let "), reasoning("me "), reasoning("think.")],
      [{ type: "reasoning-end", id: "r" }, { type: "text-start", id: "t" }, text("The "), text("moon.")],
      [{ type: "text-end", id: "t" }],
    ]);
    expect(out).toEqual([
      { type: "reasoning-start", id: "r" },
      reasoning("Let me think."),
      { type: "reasoning-end", id: "r" },
      { type: "text-start", id: "t" },
      text("The moon."),
      { type: "text-end", id: "t" },
    ]);
  });

  it("passes on at once what arrives a turn apart: a slow platform's tokens are not held back", async () => {
    const out = await through([[text("One ")], [text("two ")], [text("three")]]);
    expect(out).toEqual([text("One "), text("two "), text("three")]);
  });

  it("never joins different blocks, or kinds, and flushes before any other part", async () => {
    const out = await through([
      [
        text("a", "t1"),
        text("b", "t2"),
        reasoning("c"),
        { type: "tool-input-delta", id: "call", delta: '{"q":' },
        { type: "tool-input-delta", id: "call", delta: '"x"}' },
        { type: "tool-input-end", id: "call" },
      ],
    ]);
    expect(out).toEqual([
      text("a", "t1"),
      text("b", "t2"),
      reasoning("c"),
      { type: "tool-input-delta", id: "call", delta: '{"q":"x"}' },
      { type: "tool-input-end", id: "call" },
    ]);
  });

  it("survives its source failing while a piece waits (an aborted call): nothing throws later", async () => {
    const stream = coalescingDeltas();
    const reader = stream.readable.getReader();
    const writer = stream.writable.getWriter();
    const read = reader.read();
    void writer.write(text("cut "));
    for (let i = 0; i < 10; i++) await Promise.resolve(); // the piece reaches the stream and waits
    // The call is aborted within the same turn: the stream fails with the piece still waiting.
    await writer.abort(new Error("aborted"));
    await expect(read).rejects.toThrow("aborted");
    // The waiting piece's turn comes after the failure: it must not throw out of the timer.
    await nextTurn();
  });
});
