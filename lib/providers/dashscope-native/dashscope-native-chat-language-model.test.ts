import { APICallError, type LanguageModelV3CallOptions, type LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { convertReadableStreamToArray } from "@ai-sdk/provider-utils/test";
import { describe, expect, it } from "vitest";
import { joinedDeltas, partsOf, recordedChunks, recordedJson, replayFetch } from "@/test/provider-replay";
import { createDashScopeNative } from "./index";

// The DashScope native provider against answers recorded from the simulator (__fixtures__, made
// by scripts/record-provider-fixtures.ts): the request it sends, and what the user gets from each
// answer: text, reasoning, tool calls, usage, finish reason, errors.

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const GENERATION = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation";

/** The model answering with a recording, and the requests it sent. */
function replayed(response: Parameters<typeof replayFetch>[0]) {
  const { fetch, requests } = replayFetch(response);
  const model = createDashScopeNative({
    baseURL: "https://dashscope-intl.aliyuncs.com/",
    apiKey: "sk-native",
    fetch,
  }).chatModel("glm-5.1");
  return { model, requests };
}

/** The parts of a recorded stream, as the provider gives them to the AI SDK. */
async function streamed(chunks: string[]): Promise<LanguageModelV3StreamPart[]> {
  const { model } = replayed({ chunks });
  const { stream } = await model.doStream({ prompt: ask("Why is the sky blue?") });
  return convertReadableStreamToArray(stream);
}

const ask = (text: string): LanguageModelV3CallOptions["prompt"] => [
  { role: "user", content: [{ type: "text", text }] },
];
const finishOf = (parts: LanguageModelV3StreamPart[]) => partsOf(parts, "finish")[0];

const ANSWER =
  'Here is my answer about "Why is the sky blue?".\n\n- It comes from **glm-5.1**.\n- It has 1 message(s) of context.\n\nDone.';
const REASONING =
  'The user wrote "Why is the sky blue?". I should answer briefly and clearly, in Markdown, and mention which model is replying.';

describe("DashScopeNativeChatLanguageModel.doStream", () => {
  it("sends the native request shape, with incremental output and the SSE header", async () => {
    const { model, requests } = replayed({ chunks: recordedChunks(fixture("dashscope-native-text.chunks.txt")) });
    const { stream } = await model.doStream({
      prompt: [{ role: "system", content: "Be brief." }, ...ask("Why is the sky blue?")],
      temperature: 0.7,
      maxOutputTokens: 500,
      frequencyPenalty: 0.5,
      providerOptions: { dashscope: { enable_thinking: false, thinking_budget: 100, top_k: 20 } },
    });
    const [start] = await convertReadableStreamToArray(stream);
    expect(requests[0].url).toBe(GENERATION);
    expect(requests[0].headers).toMatchObject({
      authorization: "Bearer sk-native",
      "x-dashscope-sse": "enable",
      accept: "text/event-stream",
    });
    expect(requests[0].body).toEqual({
      model: "glm-5.1",
      input: {
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Why is the sky blue?" },
        ],
      },
      parameters: {
        result_format: "message",
        incremental_output: true,
        temperature: 0.7,
        top_k: 20,
        max_tokens: 500,
        enable_thinking: false,
        thinking_budget: 100,
      },
    });
    expect(start).toEqual({ type: "stream-start", warnings: [{ type: "unsupported", feature: "frequencyPenalty" }] });
  });

  it("streams the answer and finishes with the last event's cumulative usage", async () => {
    const parts = await streamed(recordedChunks(fixture("dashscope-native-text.chunks.txt")));
    expect(partsOf(parts, "response-metadata")).toEqual([
      { type: "response-metadata", id: "03faf54b-dfc8-45ba-97f7-a203bbfeb717", modelId: "glm-5.1" },
    ]);
    expect(joinedDeltas(parts, "text-delta")).toBe(ANSWER);
    expect(partsOf(parts, "reasoning-delta")).toEqual([]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: 0 },
        outputTokens: { total: 41, text: 41, reasoning: undefined },
      },
    });
  });

  it("streams all the reasoning before the answer, and counts the reasoning tokens apart", async () => {
    const parts = await streamed(recordedChunks(fixture("dashscope-native-reasoning.chunks.txt")));
    expect(joinedDeltas(parts, "reasoning-delta")).toBe(REASONING);
    expect(joinedDeltas(parts, "text-delta")).toBe(ANSWER);
    const types = parts.map((part) => part.type);
    expect(types.lastIndexOf("reasoning-delta")).toBeLessThan(types.indexOf("text-delta"));
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-start"));
    expect(finishOf(parts).usage.outputTokens).toEqual({ total: 70, text: 41, reasoning: 29 });
  });

  it("assembles a streamed tool call: id and name first, then the arguments piece by piece", async () => {
    const { model, requests } = replayed({ chunks: recordedChunks(fixture("dashscope-native-tool-call.chunks.txt")) });
    const { stream } = await model.doStream({
      prompt: ask('What is the weather in "Singapore"?'),
      tools: [
        {
          type: "function",
          name: "get_weather",
          description: "Weather for a city",
          inputSchema: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
      toolChoice: { type: "auto" },
      providerOptions: { dashscope: { tool_stream: true } },
    });
    const parts = await convertReadableStreamToArray(stream);
    expect(requests[0].body).toMatchObject({
      parameters: {
        tools: [{ type: "function", function: { name: "get_weather", description: "Weather for a city" } }],
        tool_stream: true,
        tool_choice: "auto",
      },
    });
    const id = "call_8e98a3cbfd744e6ca0b6567a";
    expect(partsOf(parts, "tool-input-start")).toEqual([{ type: "tool-input-start", id, toolName: "get_weather" }]);
    expect(partsOf(parts, "tool-input-delta").map((part) => part.delta)).toEqual([
      "{",
      '"',
      "city",
      '"',
      ":",
      '"',
      "Singapore",
      '"',
      "}",
    ]);
    expect(partsOf(parts, "tool-call")).toEqual([
      { type: "tool-call", toolCallId: id, toolName: "get_weather", input: '{"city":"Singapore"}' },
    ]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { inputTokens: { total: 22 }, outputTokens: { total: 9 } },
    });
  });

  it("reports an error event after the text that came, and finishes with an error", async () => {
    const parts = await streamed(recordedChunks(fixture("dashscope-native-stream-error.chunks.txt")));
    expect(joinedDeltas(parts, "text-delta")).toBe("Here is my answer");
    const [error] = partsOf(parts, "error");
    expect(APICallError.isInstance(error?.error)).toBe(true);
    expect(error?.error).toMatchObject({ message: "The stream was interrupted.", statusCode: 500, isRetryable: false });
    // Usage as of the last event before the error.
    expect(finishOf(parts)).toMatchObject({
      finishReason: { unified: "error", raw: "InternalError" },
      usage: { outputTokens: { total: 4 } },
    });
  });

  it("takes an error event's status from its :HTTP_STATUS line", async () => {
    // DashScope also fails a started stream with a 400 (a content inspection, say): the same
    // recording, with that status.
    const chunks = recordedChunks(fixture("dashscope-native-stream-error.chunks.txt")).map((chunk) =>
      chunk.replace(":HTTP_STATUS/500", ":HTTP_STATUS/400"),
    );
    const [error] = partsOf(await streamed(chunks), "error");
    expect(error?.error).toMatchObject({ statusCode: 400 });
  });

  it("stops where the caller aborted: the text so far, then the abort, and no finish", async () => {
    const { model } = replayed({ chunks: recordedChunks(fixture("dashscope-native-text.chunks.txt")), hangAfter: 3 });
    const abort = new AbortController();
    const { stream } = await model.doStream({ prompt: ask("Why is the sky blue?"), abortSignal: abort.signal });
    const reader = stream.getReader();
    const parts: LanguageModelV3StreamPart[] = [];
    // Three events arrive; then the platform is slow, and the user stops the answer.
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

describe("DashScopeNativeChatLanguageModel.doGenerate", () => {
  it("asks without the SSE header and returns the reasoning, text and usage", async () => {
    const { model, requests } = replayed({ json: recordedJson(fixture("dashscope-native-reasoning.json")) });
    const result = await model.doGenerate({
      prompt: ask("Why is the sky blue?"),
      providerOptions: { dashscope: { enable_thinking: true } },
    });
    expect(requests[0].headers["x-dashscope-sse"]).toBeUndefined();
    expect(requests[0].body).toMatchObject({ parameters: { result_format: "message", enable_thinking: true } });
    expect(requests[0].body).not.toHaveProperty("parameters.incremental_output");
    expect(result.content).toEqual([
      { type: "reasoning", text: REASONING },
      { type: "text", text: ANSWER },
    ]);
    expect(result.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(result.usage).toMatchObject({
      inputTokens: { total: 10, cacheRead: 0 },
      outputTokens: { total: 70, text: 41, reasoning: 29 },
    });
    expect(result.response?.id).toBe("027de7e6-5787-4453-a8d8-bb3a50b7a960");
  });

  it("returns a whole tool call", async () => {
    const { model } = replayed({ json: recordedJson(fixture("dashscope-native-tool-call.json")) });
    const result = await model.doGenerate({ prompt: ask('What is the weather in "Singapore"?') });
    expect(result.content).toEqual([
      {
        type: "tool-call",
        toolCallId: "call_621c664a145146768c730ffa",
        toolName: "get_weather",
        input: '{"city":"Singapore"}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_calls" });
  });

  it("turns a rejected key into an APICallError with the platform's code and message", async () => {
    const { model } = replayed({ json: recordedJson(fixture("dashscope-native-invalid-key.json")), status: 401 });
    const error = await model.doGenerate({ prompt: ask("Hi") }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 401,
      message: "InvalidApiKey: Invalid API-key provided.",
      isRetryable: false,
    });
  });
});
