import { jsonSchema, streamText, type TextStreamPart, type ToolSet, tool } from "ai";
import { describe, expect, it } from "vitest";
import { recordedChunks, replayFetch } from "@/test/provider-replay";
import { createDashScopeNative } from "../../providers/dashscope-native";
import { completionOf } from "./response";
import { type ChatCompletionChunk, ChunkMapper } from "./stream-chunks";

// Recorded platform streams (lib/providers/*/__fixtures__) replayed through the AI SDK, and its
// stream parts mapped to chat.completion.chunk events: what a client of the API would receive.

const fixture = (name: string) => new URL(`../../providers/dashscope-native/__fixtures__/${name}`, import.meta.url);

async function replayedParts(name: string, withTools = false): Promise<TextStreamPart<ToolSet>[]> {
  const { fetch } = replayFetch({ chunks: recordedChunks(fixture(name)) });
  const model = createDashScopeNative({
    baseURL: "https://dashscope-intl.aliyuncs.com/",
    apiKey: "sk",
    fetch,
  }).chatModel("glm-5.1");
  const result = streamText({
    model,
    prompt: "Weather in Paris?",
    tools: withTools
      ? {
          get_weather: tool({
            inputSchema: jsonSchema({ type: "object", properties: { city: { type: "string" } } }),
          }),
        }
      : undefined,
  });
  const parts: TextStreamPart<ToolSet>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  return parts;
}

const meta = { id: "chatcmpl-1", created: 1, model: "glm-5.1" };
const mapAll = (parts: TextStreamPart<ToolSet>[]) => {
  const mapper = new ChunkMapper(meta);
  return { mapper, chunks: parts.flatMap((p) => mapper.map(p)) };
};
const deltas = (chunks: ChatCompletionChunk[], field: "content" | "reasoning_content") =>
  chunks.map((c) => c.choices[0]?.delta[field] ?? "").join("");

describe("ChunkMapper", () => {
  it("streams thinking as reasoning_content before the content, the role on the first chunk only", async () => {
    const parts = await replayedParts("dashscope-native-reasoning.chunks.txt");
    const { chunks, mapper } = mapAll(parts);
    const reasoning = parts.flatMap((p) => (p.type === "reasoning-delta" ? [p.text] : [])).join("");
    const text = parts.flatMap((p) => (p.type === "text-delta" ? [p.text] : [])).join("");
    expect(reasoning).not.toBe("");
    expect(deltas(chunks, "reasoning_content")).toBe(reasoning);
    expect(deltas(chunks, "content")).toBe(text);
    expect(chunks.filter((c) => c.choices[0].delta.role === "assistant")).toHaveLength(1);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === "chatcmpl-1")).toBe(true);
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(mapper.answers[0]).toMatchObject({ reasoning, text });
  });

  it("streams a tool call: id and name first, then the arguments in the platform's pieces", async () => {
    const parts = await replayedParts("dashscope-native-tool-call.chunks.txt", true);
    const { chunks, mapper } = mapAll(parts);
    const calls = chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: "call_8e98a3cbfd744e6ca0b6567a",
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
    expect(calls.length).toBeGreaterThan(2);
    const args = calls.map((c) => c.function.arguments).join("");
    expect(JSON.parse(args)).toEqual({ city: expect.any(String) });
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe("tool_calls");
    const completion = completionOf(meta, mapper.answers, {
      inputTokens: 1,
      outputTokens: 2,
      reasoningTokens: 0,
      cachedInputTokens: 0,
      totalTokens: 3,
      estimated: false,
    });
    expect(completion.choices[0]).toMatchObject({
      message: {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_8e98a3cbfd744e6ca0b6567a", function: { arguments: args } }],
      },
      finish_reason: "tool_calls",
    });
  });

  it("sends a call that came whole (no streamed arguments) in one chunk", () => {
    const mapper = new ChunkMapper(meta);
    const chunks = mapper.map({
      type: "tool-call",
      toolCallId: "c1",
      toolName: "f",
      input: { a: 1 },
    } as TextStreamPart<ToolSet>);
    expect(chunks[0].choices[0].delta.tool_calls).toEqual([
      { index: 0, id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } },
    ]);
  });

  it("streams other answers with their index, and the usage last with no choices", () => {
    const mapper = new ChunkMapper(meta);
    mapper.map({ type: "text-delta", id: "0", text: "A" });
    const extra = [...mapper.extra(1, { text: "B" }), ...mapper.extra(1, { finishReason: "length" })];
    expect(extra.map((c) => c.choices[0])).toMatchObject([
      { index: 1, delta: { role: "assistant", content: "B" }, finish_reason: null },
      { index: 1, delta: {}, finish_reason: "length" },
    ]);
    const usage = mapper.usageChunk({
      inputTokens: 10,
      outputTokens: 5,
      reasoningTokens: 2,
      cachedInputTokens: 4,
      totalTokens: 15,
      estimated: false,
    });
    expect(usage).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    });
  });
});
