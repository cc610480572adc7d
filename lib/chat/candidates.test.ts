import { afterEach, describe, expect, it, vi } from "vitest";
import { EventSplitter, ExtraCandidates, MAX_EVENT_CHARS, shareUsage } from "./candidates";

function sse(events: unknown[]): Response {
  const body = events.map((e) => (typeof e === "string" ? e : `data: ${JSON.stringify(e)}\n\n`)).join("");
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
}

async function through(extras: ExtraCandidates, upstream: Response): Promise<unknown[]> {
  vi.spyOn(globalThis, "fetch").mockResolvedValue(upstream);
  const text = await (await extras.fetch("http://platform.test")).text();
  return text
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice(6)));
}

afterEach(() => vi.restoreAllMocks());

describe("ExtraCandidates", () => {
  it("passes the first choice of an OpenAI-compatible stream on and keeps the others", async () => {
    const extras = new ExtraCandidates();
    const seen = await through(
      extras,
      sse([
        { choices: [{ index: 0, delta: { reasoning_content: "hm" } }] },
        { choices: [{ index: 1, delta: { reasoning_content: "hm2" } }] },
        {
          choices: [
            { index: 0, delta: { content: "A" } },
            { index: 1, delta: { content: "B" } },
          ],
        },
        { choices: [{ index: 1, delta: {}, finish_reason: "stop" }] },
        { choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } },
        "data: [DONE]\n\n",
      ]),
    );
    expect(seen).toEqual([
      { choices: [{ index: 0, delta: { reasoning_content: "hm" } }] },
      { choices: [{ index: 0, delta: { content: "A" } }] },
      { choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } },
    ]);
    expect(extras.answers()).toEqual([{ reasoning: "hm2", text: "B", finishReason: "stop" }]);
  });

  it("reads events whose lines end with CRLF, as a platform may send them", async () => {
    const extras = new ExtraCandidates();
    const crlf = (e: unknown) => `data: ${JSON.stringify(e)}\r\n\r\n`;
    const seen = await through(
      extras,
      sse([
        crlf({ choices: [{ index: 0, delta: { content: "A" } }] }),
        crlf({ choices: [{ index: 1, delta: { content: "B" } }] }),
        crlf({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } }),
      ]),
    );
    expect(seen).toEqual([
      { choices: [{ index: 0, delta: { content: "A" } }] },
      { choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } },
    ]);
    expect(extras.answers()).toEqual([{ reasoning: "", text: "B", finishReason: null }]);
  });

  it("keeps Runware's other results, and passes the usage on whichever result carries it", async () => {
    const extras = new ExtraCandidates();
    const seen = await through(
      extras,
      sse([
        ": ping\n\n",
        { delta: { text: "A" }, resultIndex: 0, finishReason: null },
        { delta: { text: "B" }, resultIndex: 1, finishReason: null },
        { delta: {}, resultIndex: 0, finishReason: "stop" },
        { delta: {}, resultIndex: 1, finishReason: "stop", usage: { promptTokens: 5, completionTokens: 2 } },
      ]),
    );
    expect(seen).toEqual([
      { delta: { text: "A" }, resultIndex: 0, finishReason: null },
      { delta: {}, resultIndex: 0, finishReason: "stop" },
      { delta: {}, resultIndex: 0, finishReason: null, usage: { promptTokens: 5, completionTokens: 2 } },
    ]);
    expect(extras.answers()).toEqual([{ reasoning: "", text: "B", finishReason: "stop" }]);
  });
});

describe("EventSplitter", () => {
  it("cuts events wherever the chunks break, a blank line split between two chunks included", () => {
    const stream = 'data: {"a":1}\n\ndata: {"b":2}\n\n: ping\n\ndata: [DONE]\n\n';
    for (let size = 1; size <= stream.length; size++) {
      const splitter = new EventSplitter();
      const events: string[] = [];
      for (let i = 0; i < stream.length; i += size) events.push(...splitter.push(stream.slice(i, i + size)));
      expect(events).toEqual(['data: {"a":1}\n\n', 'data: {"b":2}\n\n', ": ping\n\n", "data: [DONE]\n\n"]);
      expect(splitter.rest()).toBe("");
    }
  });

  it("keeps an unfinished event for the end of the stream", () => {
    const splitter = new EventSplitter();
    expect(splitter.push("data: 1\n\ndata: 2\n")).toEqual(["data: 1\n\n"]);
    expect(splitter.rest()).toBe("data: 2\n");
  });

  it("takes linear time over one long event sent in small pieces (a hostile upstream)", () => {
    const piece = "x".repeat(31);
    const run = (pieces: number) => {
      const splitter = new EventSplitter();
      const started = performance.now();
      splitter.push("data: ");
      for (let i = 0; i < pieces; i++) splitter.push(piece);
      const [event] = splitter.push("\n\n");
      expect(event.length).toBe(6 + pieces * piece.length + 2);
      return performance.now() - started;
    };
    run(10_000); // warm up
    // 6 MB in 200,000 pieces: rescanning the buffer on every piece would compare ~6 * 10^11
    // characters (minutes); searching only the new text takes milliseconds.
    expect(run(200_000)).toBeLessThan(1_000);
  });

  it("refuses an event longer than any platform sends instead of buffering it without end", () => {
    const splitter = new EventSplitter();
    const chunk = "y".repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i <= MAX_EVENT_CHARS / chunk.length; i++) splitter.push(chunk);
    }).toThrow(/longer than/);
  });
});

describe("shareUsage", () => {
  it("bills the prompt once and shares the output by text, adding up to the platform's figures", () => {
    const total = {
      inputTokens: 100,
      outputTokens: 90,
      reasoningTokens: 30,
      cachedInputTokens: 10,
      totalTokens: 190,
      estimated: false,
    };
    const shares = shareUsage(total, [
      { reasoning: "a".repeat(40), text: "b".repeat(80) },
      { reasoning: "a".repeat(40), text: "b".repeat(40) },
      { reasoning: "", text: "b".repeat(80) },
    ]);
    expect(shares.map((s) => s.inputTokens)).toEqual([100, 0, 0]);
    expect(shares.reduce((n, s) => n + s.outputTokens, 0)).toBe(90);
    expect(shares.reduce((n, s) => n + s.reasoningTokens, 0)).toBe(30);
    expect(shares.reduce((n, s) => n + s.totalTokens, 0)).toBe(190);
    expect(shares[2].reasoningTokens).toBe(0);
    expect(shares.every((s) => s.estimated)).toBe(true);
    expect(shareUsage(total, [{ reasoning: "x", text: "y" }])).toEqual([total]);
  });
});
