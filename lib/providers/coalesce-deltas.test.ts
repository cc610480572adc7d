import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { coalescingDeltas } from "./coalesce-deltas";

type Part = LanguageModelV3StreamPart;

const FRAME = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Parts as a model streams them: `[wait ms, part]`; returns what came out, each with when. */
async function through(script: [number, Part][], options: { failWith?: Error } = {}) {
  const source = new ReadableStream<Part>({
    async start(controller) {
      for (const [wait, part] of script) {
        if (wait) await sleep(wait);
        controller.enqueue(part);
      }
      if (options.failWith) controller.error(options.failWith);
      else controller.close();
    },
  });
  const t0 = performance.now();
  const out: { part: Part; at: number }[] = [];
  let failure: unknown;
  try {
    const reader = coalescingDeltas(source, FRAME).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push({ part: value, at: performance.now() - t0 });
    }
  } catch (error) {
    failure = error;
  }
  return { parts: out.map((o) => o.part), at: out.map((o) => o.at), failure };
}

const reasoning = (delta: string): Part => ({ type: "reasoning-delta", id: "r", delta });
const text = (delta: string, id = "t"): Part => ({ type: "text-delta", id, delta });

describe("coalescingDeltas", () => {
  it("sends the first piece at once and joins the pieces that follow within a frame, every character in order", async () => {
    const { parts, at } = await through([
      [0, { type: "reasoning-start", id: "r" }],
      [0, reasoning("Let ")],
      [5, reasoning("me ")],
      [5, reasoning("think.")],
      [0, { type: "reasoning-end", id: "r" }],
      [0, { type: "text-start", id: "t" }],
      [0, text("The ")],
      [5, text("moon.")],
      [0, { type: "text-end", id: "t" }],
    ]);
    expect(parts).toEqual([
      { type: "reasoning-start", id: "r" },
      reasoning("Let "),
      reasoning("me think."),
      { type: "reasoning-end", id: "r" },
      { type: "text-start", id: "t" },
      text("The moon."),
      { type: "text-end", id: "t" },
    ]);
    // The first token was not held for a frame.
    expect(at[1]).toBeLessThan(FRAME);
  });

  it("sends each piece as it comes when they arrive more than a frame apart (a slow platform)", async () => {
    const { parts } = await through([
      [0, text("One ")],
      [FRAME + 20, text("two ")],
      [FRAME + 20, text("three")],
    ]);
    expect(parts).toEqual([text("One "), text("two "), text("three")]);
  });

  it("sends a piece that waits when its frame ends, without waiting for the next", async () => {
    const { parts, at } = await through([
      [0, text("a")],
      [5, text("b")],
      [FRAME * 3, text("c")],
    ]);
    expect(parts).toEqual([text("a"), text("b"), text("c")]);
    expect(at[1]).toBeLessThan(FRAME * 2.5);
  });

  it("never joins different blocks or kinds, and sends a waiting piece before any other part", async () => {
    const { parts } = await through([
      [0, text("a", "t1")],
      [0, text("b", "t2")],
      [0, reasoning("c")],
      [0, { type: "tool-input-delta", id: "call", delta: '{"q":' }],
      [0, { type: "tool-input-delta", id: "call", delta: '"x"}' }],
      [0, { type: "tool-input-end", id: "call" }],
    ]);
    expect(parts).toEqual([
      text("a", "t1"),
      text("b", "t2"),
      reasoning("c"),
      { type: "tool-input-delta", id: "call", delta: '{"q":"x"}' },
      { type: "tool-input-end", id: "call" },
    ]);
  });

  it("keeps what it received when the call fails mid-frame (a stopped answer), then passes the failure on", async () => {
    const { parts, failure } = await through(
      [
        [0, text("Kept ")],
        [5, text("too")],
      ],
      { failWith: new Error("aborted") },
    );
    expect(parts).toEqual([text("Kept "), text("too")]);
    expect(failure).toMatchObject({ message: "aborted" });
    await sleep(FRAME * 2); // its frame's timer, had it stayed, would fire into a failed stream
  });
});
