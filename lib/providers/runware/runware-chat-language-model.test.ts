import { APICallError, type LanguageModelV3CallOptions, type LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { convertReadableStreamToArray } from "@ai-sdk/provider-utils/test";
import { describe, expect, it } from "vitest";
import { joinedDeltas, partsOf, recordedChunks, recordedJson, replayFetch } from "@/test/provider-replay";
import { createRunware } from "./index";

// The Runware provider against answers recorded from the simulator (__fixtures__, made by
// scripts/record-provider-fixtures.ts): the task it sends, and what the user gets from each
// answer: text, reasoning, tool calls, usage, cost, finish reason, errors.

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

/** The model answering with a recording, and the tasks it sent. */
function replayed(response: Parameters<typeof replayFetch>[0]) {
  const { fetch, requests } = replayFetch(response);
  const model = createRunware({ baseURL: "https://api.runware.ai/", apiKey: "sk-runware", fetch }).chatModel(
    "zai:glm@5.1",
  );
  const task = () => (requests[0].body as Record<string, unknown>[])[0];
  return { model, requests, task };
}

/** The parts of a recorded stream, as the provider gives them to the AI SDK. */
async function streamed(name: string): Promise<LanguageModelV3StreamPart[]> {
  const { model } = replayed({ chunks: recordedChunks(fixture(`${name}.chunks.txt`)) });
  const { stream } = await model.doStream({ prompt: ask("What is a tide?") });
  return convertReadableStreamToArray(stream);
}

const ask = (text: string): LanguageModelV3CallOptions["prompt"] => [
  { role: "user", content: [{ type: "text", text }] },
];
const finishOf = (parts: LanguageModelV3StreamPart[]) => partsOf(parts, "finish")[0];

const ANSWER =
  'Here is my answer about "What is a tide?".\n\n- It comes from **zai:glm@5.1**.\n- It has 1 message(s) of context.\n\nDone.';
const REASONING =
  'The user wrote "What is a tide?". I should answer briefly and clearly, in Markdown, and mention which model is replying.';

describe("RunwareChatLanguageModel.doStream", () => {
  it("sends one textInference task with the call's settings, to /v1 with the key", async () => {
    const { model, requests, task } = replayed({ chunks: recordedChunks(fixture("runware-text.chunks.txt")) });
    const { request } = await model.doStream({
      prompt: [{ role: "system", content: "Answer in one paragraph." }, ...ask("What is a tide?")],
      temperature: 0.4,
      maxOutputTokens: 800,
      stopSequences: ["1", "2", "3", "4", "5"],
      seed: 7,
      providerOptions: { runware: { thinkingLevel: "high", numberResults: 2 } },
    });
    expect(requests[0].url).toBe("https://api.runware.ai/v1");
    expect(requests[0].headers).toMatchObject({ authorization: "Bearer sk-runware", accept: "text/event-stream" });
    expect(task()).toEqual({
      taskType: "textInference",
      taskUUID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      model: "zai:glm@5.1",
      deliveryMethod: "stream",
      includeUsage: true,
      includeCost: true,
      numberResults: 2,
      seed: 7,
      messages: [{ role: "user", content: "What is a tide?" }],
      settings: {
        systemPrompt: "Answer in one paragraph.",
        temperature: 0.4,
        maxTokens: 800,
        // Runware takes four at most.
        stopSequences: ["1", "2", "3", "4"],
        thinkingLevel: "high",
      },
    });
    expect(request?.body).toEqual([task()]);
  });

  it("streams the answer, and finishes with usage and the platform's cost", async () => {
    const parts = await streamed("runware-text");
    expect(parts[0]).toEqual({ type: "stream-start", warnings: [] });
    expect(parts[1]).toEqual({
      type: "response-metadata",
      id: "cfc27091-eac1-464d-9576-a9e5284bfa5c",
      modelId: "zai:glm@5.1",
    });
    expect(joinedDeltas(parts, "text-delta")).toBe(ANSWER);
    expect(partsOf(parts, "reasoning-delta")).toEqual([]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 9, noCache: 9 },
        outputTokens: { total: 42, text: 42, reasoning: undefined },
      },
      providerMetadata: { runware: { cost: 0.0001434 } },
    });
  });

  it("streams the reasoning before the answer, and counts the thinking tokens apart", async () => {
    const parts = await streamed("runware-reasoning");
    expect(joinedDeltas(parts, "reasoning-delta")).toBe(REASONING);
    expect(joinedDeltas(parts, "text-delta")).toBe(ANSWER);
    const types = parts.map((part) => part.type);
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-start"));
    expect(finishOf(parts).usage.outputTokens).toEqual({ total: 70, text: 42, reasoning: 28 });
  });

  it("turns a tool call into the call's input, after the reasoning, and finishes for the tool", async () => {
    const parts = await streamed("runware-tool-call");
    expect(partsOf(parts, "reasoning-delta").length).toBeGreaterThan(0);
    expect(partsOf(parts, "text-delta")).toEqual([]);
    const types = parts.map((part) => part.type);
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("tool-input-start"));
    // Runware sends a call whole: its input is one delta.
    expect(partsOf(parts, "tool-input-delta")).toEqual([
      { type: "tool-input-delta", id: "call_10aaf02a1c1243aa8eaf22b3", delta: '{"city":"Singapore"}' },
    ]);
    expect(partsOf(parts, "tool-call")).toEqual([
      {
        type: "tool-call",
        toolCallId: "call_10aaf02a1c1243aa8eaf22b3",
        toolName: "get_weather",
        input: '{"city":"Singapore"}',
      },
    ]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { inputTokens: { total: 22 }, outputTokens: { total: 41, reasoning: 32 } },
    });
  });

  it("keeps the other results of a numberResults task out of the answer", async () => {
    const parts = await streamed("runware-two-results");
    expect(joinedDeltas(parts, "text-delta")).toBe(ANSWER);
    expect(finishOf(parts).finishReason).toEqual({ unified: "stop", raw: "stop" });
  });

  it("reports an errors chunk inside the stream after the text that came, and finishes with an error", async () => {
    const parts = await streamed("runware-stream-error");
    expect(joinedDeltas(parts, "text-delta")).toBe("Here is my");
    const [error] = partsOf(parts, "error");
    expect(APICallError.isInstance(error?.error)).toBe(true);
    expect(error?.error).toMatchObject({
      message: "An internal error occurred while processing the task.",
      statusCode: 500,
      isRetryable: false,
    });
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "error", raw: "internalError" },
      usage: { inputTokens: { total: undefined }, outputTokens: { total: undefined } },
    });
  });

  it("stops where the caller aborted: the text so far, then the abort, and no finish", async () => {
    const { model } = replayed({ chunks: recordedChunks(fixture("runware-text.chunks.txt")), hangAfter: 4 });
    const abort = new AbortController();
    const { stream } = await model.doStream({ prompt: ask("What is a tide?"), abortSignal: abort.signal });
    const reader = stream.getReader();
    const parts: LanguageModelV3StreamPart[] = [];
    // `: ping` and three deltas arrive; then the platform is slow, and the user stops the answer.
    while (joinedDeltas(parts, "text-delta") !== "Here is my") {
      const { value, done } = await reader.read();
      if (done) throw new Error("The stream ended before the abort.");
      parts.push(value);
    }
    abort.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(partsOf(parts, "finish")).toEqual([]);
  });
});

describe("RunwareChatLanguageModel.doGenerate", () => {
  it("asks for a sync answer and returns its reasoning, text, usage and cost", async () => {
    const { model, task } = replayed({ json: recordedJson(fixture("runware-reasoning.json")) });
    const result = await model.doGenerate({ prompt: ask("What is a tide?") });
    expect(task()).toMatchObject({ deliveryMethod: "sync" });
    expect(result.content).toEqual([
      { type: "reasoning", text: REASONING },
      { type: "text", text: ANSWER },
    ]);
    expect(result.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(result.usage).toMatchObject({
      inputTokens: { total: 9 },
      outputTokens: { total: 70, text: 42, reasoning: 28 },
    });
    expect(result.providerMetadata).toEqual({ runware: { cost: 0.000233 } });
  });

  it("returns a tool call with its input as JSON text", async () => {
    const { model } = replayed({ json: recordedJson(fixture("runware-tool-call.json")) });
    const result = await model.doGenerate({ prompt: ask('What is the weather in "Singapore"?') });
    expect(result.content).toEqual([
      {
        type: "tool-call",
        toolCallId: "call_e44272a617a147db93e97340",
        toolName: "get_weather",
        input: '{"city":"Singapore"}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_calls" });
  });

  it("turns the errors array of a refused call into an APICallError with the platform's code", async () => {
    const { model } = replayed({ json: recordedJson(fixture("runware-invalid-key.json")), status: 401 });
    const error = await model.doGenerate({ prompt: ask("Hi") }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 401,
      message: "invalidApiKey: Invalid API key. Get one at https://my.runware.ai/signup",
      isRetryable: false,
    });
  });
});
