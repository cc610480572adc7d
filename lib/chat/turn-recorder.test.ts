import type { LanguageModelUsage } from "ai";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { countTokens, loadTokenizer } from "../spend/tokens";
import { TurnRecorder } from "./turn-recorder";

function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const reported: LanguageModelUsage = {
  inputTokens: 120,
  inputTokenDetails: { noCacheTokens: 100, cacheReadTokens: 20, cacheWriteTokens: undefined },
  outputTokens: 80,
  outputTokenDetails: { textTokens: 50, reasoningTokens: 30 },
  totalTokens: 200,
};

describe("TurnRecorder", () => {
  it("measures time to first token and how long the model thought", () => {
    const c = clock();
    const r = new TurnRecorder("prompt", { now: c.now });
    c.advance(300);
    r.onChunk({ type: "reasoning-delta", text: "Let me" });
    c.advance(500);
    r.onChunk({ type: "reasoning-delta", text: " think" });
    c.advance(100);
    r.onChunk({ type: "text-delta", text: "Answer" });
    c.advance(100);
    r.onFinish("stop", reported);
    expect(r.timings()).toEqual({ ttftMs: 300, reasoningMs: 500, durationMs: 1000 });
  });

  it("over tool steps, counts only the time spent thinking, not the tool run in between", () => {
    const c = clock();
    const r = new TurnRecorder("prompt", { now: c.now });
    c.advance(100);
    r.onChunk({ type: "reasoning-delta", text: "I need the time" });
    c.advance(200);
    r.onChunk({ type: "reasoning-delta", text: "." });
    c.advance(50);
    r.onChunk({ type: "tool-input-delta", id: "t", delta: '{"timezone":"UTC"}' });
    r.onStepFinish("glm-5.1", reported);
    c.advance(1000); // the tool runs, the second request waits for its first token
    r.onChunk({ type: "reasoning-delta", text: "Now I can answer" });
    c.advance(300);
    r.onChunk({ type: "reasoning-delta", text: "." });
    r.onChunk({ type: "text-delta", text: "It is noon." });
    expect(r.timings().reasoningMs).toBe(500);
  });

  it("keeps the exact usage of finished steps when a later step is cut off, estimating only that one", () => {
    const r = new TurnRecorder("What time is it?");
    r.onChunk({ type: "tool-input-delta", id: "t", delta: '{"timezone":"UTC"}' });
    r.onStepFinish("glm-5.1", reported);
    r.onChunk({ type: "text-delta", text: "It is twelve o'clock" });
    // The user stops: no finish, no usage for step 2.
    const usage = r.tokenUsage();
    expect(usage.estimated).toBe(true);
    // Step 2's prompt is at least step 1's prompt and output; its output is estimated from the text.
    expect(usage.inputTokens).toBe(120 + (120 + 80));
    expect(usage.outputTokens).toBeGreaterThan(80);
    expect(usage.reasoningTokens).toBe(30);
    expect(usage.cachedInputTokens).toBe(20);
  });

  it("reports the platform's total when every step finished", () => {
    const r = new TurnRecorder("prompt");
    r.onStepFinish("glm-5.1", reported);
    r.onStepFinish("glm-5.1", reported);
    const total = { ...reported, inputTokens: 240, outputTokens: 160, totalTokens: 400 };
    r.onFinish("stop", total);
    expect(r.tokenUsage()).toMatchObject({ inputTokens: 240, outputTokens: 160, totalTokens: 400, estimated: false });
  });

  it("has no thinking time when the model did not think", () => {
    const c = clock();
    const r = new TurnRecorder("prompt", { now: c.now });
    c.advance(50);
    r.onChunk({ type: "text-delta", text: "Hi" });
    expect(r.timings().reasoningMs).toBeNull();
    expect(r.timings().ttftMs).toBe(50);
  });

  it("reports the platform's usage exactly, reasoning and cached tokens included", () => {
    const r = new TurnRecorder("prompt");
    r.onFinish("stop", reported);
    expect(r.tokenUsage()).toEqual({
      inputTokens: 120,
      outputTokens: 80,
      reasoningTokens: 30,
      cachedInputTokens: 20,
      totalTokens: 200,
      estimated: false,
    });
    expect(r.status(false)).toBe("done");
  });

  it("counts with the tokenizer what arrived when the stream stopped before the usage chunk", async () => {
    await loadTokenizer();
    const r = new TurnRecorder("Hello there, how are you?");
    r.onChunk({ type: "reasoning-delta", text: "Let me think." });
    r.onChunk({ type: "text-delta", text: "你好世界" });
    const usage = r.tokenUsage();
    // o200k_base: "Hello there, how are you?" is 7 tokens, "Let me think." 4, "你好世界" 2.
    expect(usage).toEqual({
      inputTokens: 7,
      outputTokens: 6,
      reasoningTokens: 4,
      cachedInputTokens: 0,
      totalTokens: 13,
      estimated: true,
    });
    expect(r.calls()).toEqual([expect.objectContaining({ usage })]);
    expect(r.status(true)).toBe("stopped");
  });

  it("records each step of a tool loop as an upstream call of its own, with its start and reported cost", () => {
    let now = new Date("2026-11-22T05:59:59Z");
    const r = new TurnRecorder("p", { clock: () => now });
    const step = (input: number, output: number): LanguageModelUsage => ({
      ...reported,
      inputTokens: input,
      outputTokens: output,
      totalTokens: input + output,
      outputTokenDetails: { reasoningTokens: 0, textTokens: output },
      inputTokenDetails: { cacheReadTokens: 0, cacheWriteTokens: 0, noCacheTokens: input },
    });
    r.onChunk({ type: "tool-input-delta", id: "t1", delta: '{"a":1}' });
    now = new Date("2026-11-22T06:00:01Z");
    r.onStepFinish("zai:glm@5.1", step(100, 20), { runware: { cost: 0.0012 } });
    r.onChunk({ type: "text-delta", text: "done" });
    r.onStepFinish("zai:glm@5.1", step(140, 30), { runware: { cost: 0.0015 } });
    r.onFinish("stop", step(240, 50));
    expect(r.calls()).toEqual([
      {
        usage: expect.objectContaining({ inputTokens: 100, outputTokens: 20, estimated: false }),
        answeredModel: "zai:glm@5.1",
        // The first call started before 14:00 in UTC+8, the second after: multipliers differ.
        startedAt: new Date("2026-11-22T05:59:59Z"),
        reportedCost: 0.0012,
      },
      {
        usage: expect.objectContaining({ inputTokens: 140, outputTokens: 30, estimated: false }),
        answeredModel: "zai:glm@5.1",
        startedAt: new Date("2026-11-22T06:00:01Z"),
        reportedCost: 0.0015,
      },
    ]);
    expect(r.tokenUsage()).toMatchObject({ inputTokens: 240, outputTokens: 50 });
    expect(r.needsEstimate()).toBe(false);
  });

  it("adds the step cut off by a stop as an estimated call after the finished ones", () => {
    const r = new TurnRecorder("p");
    r.onStepFinish("m", { ...reported, inputTokens: 100, outputTokens: 20, totalTokens: 120 });
    r.onChunk({ type: "text-delta", text: "half an answer" });
    const calls = r.calls();
    expect(calls.map((c) => c.usage.estimated)).toEqual([false, true]);
    // The cut-off step's prompt was the first step's prompt and output.
    expect(calls[1].usage.inputTokens).toBe(120);
    expect(r.needsEstimate()).toBe(true);
    expect(r.tokenUsage().totalTokens).toBe(calls[0].usage.totalTokens + calls[1].usage.totalTokens);
  });

  it("records a call the platform refused before answering anything with no tokens", () => {
    const r = new TurnRecorder("a long conversation");
    r.onStepStart();
    r.onError(new AppError("upstream_auth", "bad key"));
    expect(r.calls().map((c) => c.usage)).toEqual([
      { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0, estimated: true },
    ]);
  });

  it("estimates a step stopped before its first token from the last step and the tool results it was sent", async () => {
    await loadTokenizer();
    const r = new TurnRecorder("p");
    const step = (input: number, output: number): LanguageModelUsage => ({
      ...reported,
      inputTokens: input,
      outputTokens: output,
      totalTokens: input + output,
    });
    r.onStepStart();
    r.onStepFinish("m", step(100, 20));
    r.onStepStart();
    r.onChunk({ type: "tool-result", toolCallId: "t", toolName: "x", input: {}, output: "Let me think." } as never);
    r.onStepFinish("m", step(130, 10));
    // The third call was sent; the user stopped before anything came back.
    r.onStepStart();
    const calls = r.calls();
    expect(calls).toHaveLength(3);
    // Its prompt: the second call's prompt and output, and the tool result (o200k_base: 5 tokens
    // for the JSON string "\"Let me think.\"") — not the sum of all earlier calls.
    expect(calls[2].usage).toMatchObject({ inputTokens: 130 + 10 + 5, outputTokens: 0, estimated: true });
  });

  it("treats a finish without usage figures as unknown usage", () => {
    const r = new TurnRecorder("abcd");
    r.onFinish("stop", { ...reported, inputTokens: undefined, outputTokens: undefined, totalTokens: undefined });
    expect(r.tokenUsage().estimated).toBe(true);
  });

  it("is an error when the platform failed, even after a finish event", () => {
    const r = new TurnRecorder("p");
    r.onError(new AppError("upstream_auth", "bad key"));
    r.onFinish("error", reported);
    expect(r.status(false)).toBe("error");
    expect(r.finishMetadata().status).toBe("error");
  });

  it("is stopped when the request was aborted, even if a finish came through", () => {
    const r = new TurnRecorder("p");
    r.onFinish("stop", reported);
    expect(r.status(true)).toBe("stopped");
  });

  it("keeps the model id the platform answered with", () => {
    // The platform answered under a dated name of the requested model: no fallback.
    const r = new TurnRecorder("p", {
      requestedModel: "glm-4.7",
      toCatalogId: (answered) => (answered.startsWith("glm-4.7-") ? "glm-4.7" : undefined),
    });
    r.onStepFinish("glm-4.7-0930");
    r.onFinish("stop", reported);
    expect(r.answeredModel).toBe("glm-4.7-0930");
    expect(r.finishMetadata().model).toBe("glm-4.7");
    expect(r.finishMetadata().requestedModel).toBeUndefined();
  });

  it("names the requested model when a fallback answered", () => {
    const r = new TurnRecorder("p", { requestedModel: "glm-5.1" });
    r.onStepFinish("glm-4.7");
    r.onFinish("stop", reported);
    expect(r.finishMetadata()).toMatchObject({ model: "glm-4.7", requestedModel: "glm-5.1" });
  });

  it("never estimates a stopped call above what it held: its prompt bound and output grant", async () => {
    await loadTokenizer();
    const r = new TurnRecorder("A prompt of several words, more than the bound below allows.");
    r.onStepStart({ promptTokens: 5, outputTokens: 3, capped: true });
    r.onChunk({ type: "reasoning-delta", text: "Thinking at length about it." });
    r.onChunk({ type: "text-delta", text: "An answer." });
    const [call] = r.calls();
    expect(call.usage).toMatchObject({ inputTokens: 5, outputTokens: 3, reasoningTokens: 3, estimated: true });
    // The cap goes into the ledger with the call.
    expect(call.outputCap).toBe(3);
  });

  it("estimates a stopped call of several answers from every answer's text", async () => {
    await loadTokenizer();
    const others = [
      { reasoning: "Second thoughts.", text: "Another answer entirely." },
      { reasoning: "", text: "A third one." },
    ];
    const r = new TurnRecorder("p", { others: () => others });
    r.onStepStart();
    r.onChunk({ type: "text-delta", text: "First answer." });
    const expected =
      countTokens("First answer.") +
      countTokens("Second thoughts.") +
      countTokens("Another answer entirely.") +
      countTokens("A third one.");
    expect(r.calls()[0].usage).toMatchObject({
      outputTokens: expected,
      reasoningTokens: countTokens("Second thoughts."),
    });
  });

  it("reads the prompt's text only when an estimate needs it", async () => {
    let asked = 0;
    const r = new TurnRecorder(async () => {
      asked++;
      return "What the call sent, tool definitions included.";
    });
    r.onStepStart();
    r.onChunk({ type: "text-delta", text: "Half" });
    expect(asked).toBe(0);
    await r.prepareEstimate();
    expect(asked).toBe(1);
    expect(r.calls()[0].usage.inputTokens).toBe(countTokens("What the call sent, tool definitions included."));
  });

  it("bounds the next step's prompt by the platform's figures and the tool results' bytes", () => {
    const r = new TurnRecorder("p");
    r.onStepStart({ promptTokens: 500, outputTokens: 1_000, capped: false });
    r.onChunk({ type: "tool-result", toolCallId: "t", toolName: "x", input: {}, output: "Бангкок" } as never);
    r.onStepFinish("m", { ...reported, inputTokens: 100, outputTokens: 20, totalTokens: 120 });
    // 120 as counted, plus "\"Бангкок\"" (16 bytes) and its wrapping: more than the tokenizer's count.
    const bound = r.nextStepPromptBound();
    expect(bound).toBeGreaterThanOrEqual(120 + 16);
    expect(bound).toBeLessThan(120 + 16 + 64);
  });
});
