import { jsonSchema, streamText, type TextStreamPart, type ToolSet, tool } from "ai";
import { describe, expect, it } from "vitest";
import { recordedChunks, replayFetch } from "@/test/provider-replay";
import { createDashScopeNative } from "../../providers/dashscope-native";
import { messageOf } from "./response";
import { type AnthropicEvent, EventMapper, sseEvent } from "./stream-events";

// Recorded platform streams (lib/providers/*/__fixtures__) replayed through the AI SDK, and its
// stream parts mapped to the Messages API's events: what an Anthropic client would receive.

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

const usage = {
  inputTokens: 10,
  outputTokens: 5,
  reasoningTokens: 2,
  cachedInputTokens: 4,
  totalTokens: 15,
  estimated: false,
};
const meta = { id: "msg_1", model: "glm-5.1" };

function eventsOf(parts: TextStreamPart<ToolSet>[]) {
  const mapper = new EventMapper(meta);
  const events = [mapper.start(), ...parts.flatMap((p) => mapper.map(p)), ...mapper.end(usage)];
  return { mapper, events };
}

/** The event sequence in short: "message_start", "start:thinking", "delta:thinking_delta", … */
function shape(events: AnthropicEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const name =
      e.type === "content_block_start"
        ? `start:${(e.content_block as { type: string }).type}`
        : e.type === "content_block_delta"
          ? `delta:${(e.delta as { type: string }).type}`
          : e.type === "content_block_stop"
            ? "stop"
            : e.type;
    if (out.at(-1) !== name || !name.startsWith("delta:")) out.push(name);
  }
  return out;
}

const joined = (events: AnthropicEvent[], kind: string, field: string) =>
  events
    .filter((e) => e.type === "content_block_delta" && (e.delta as { type: string }).type === kind)
    .map((e) => (e.delta as Record<string, string>)[field])
    .join("");

describe("EventMapper", () => {
  it("streams text alone as one text block, then end_turn and the usage", async () => {
    const parts = await replayedParts("dashscope-native-text.chunks.txt");
    const { events, mapper } = eventsOf(parts);
    expect(shape(events)).toEqual([
      "message_start",
      "start:text",
      "delta:text_delta",
      "stop",
      "message_delta",
      "message_stop",
    ]);
    const text = parts.flatMap((p) => (p.type === "text-delta" ? [p.text] : [])).join("");
    expect(joined(events, "text_delta", "text")).toBe(text);
    expect(events.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { input_tokens: 6, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 },
    });
    expect(mapper.content).toEqual([{ type: "text", text }]);
  });

  it("streams thinking as a thinking block (index 0) before the text block (index 1)", async () => {
    const parts = await replayedParts("dashscope-native-reasoning.chunks.txt");
    const { events, mapper } = eventsOf(parts);
    expect(shape(events)).toEqual([
      "message_start",
      "start:thinking",
      "delta:thinking_delta",
      "stop",
      "start:text",
      "delta:text_delta",
      "stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[1]).toEqual({
      type: "content_block_start",
      index: 0,
      content_block: { type: "thinking", thinking: "", signature: "" },
    });
    expect(events.find((e) => e.type === "content_block_start" && e.index === 1)).toBeDefined();
    const reasoning = parts.flatMap((p) => (p.type === "reasoning-delta" ? [p.text] : [])).join("");
    expect(reasoning).not.toBe("");
    expect(joined(events, "thinking_delta", "thinking")).toBe(reasoning);
    expect(mapper.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(messageOf(meta, mapper.content, mapper.finishReason, usage)).toMatchObject({
      id: "msg_1",
      type: "message",
      role: "assistant",
      content: [{ type: "thinking", thinking: reasoning, signature: "" }, { type: "text" }],
      stop_reason: "end_turn",
      stop_sequence: null,
    });
  });

  it("streams a tool call: a tool_use block, its input as input_json_delta pieces, stop_reason tool_use", async () => {
    const parts = await replayedParts("dashscope-native-tool-call.chunks.txt", true);
    const { events, mapper } = eventsOf(parts);
    const start = events.find(
      (e) => e.type === "content_block_start" && (e.content_block as { type: string }).type === "tool_use",
    );
    expect(start?.content_block).toEqual({
      type: "tool_use",
      id: "call_8e98a3cbfd744e6ca0b6567a",
      name: "get_weather",
      input: {},
    });
    const pieces = events.filter(
      (e) => e.type === "content_block_delta" && (e.delta as { type: string }).type === "input_json_delta",
    );
    expect(pieces.length).toBeGreaterThan(1);
    const json = joined(events, "input_json_delta", "partial_json");
    expect(JSON.parse(json)).toEqual({ city: expect.any(String) });
    expect(shape(events).slice(-4)).toEqual(["delta:input_json_delta", "stop", "message_delta", "message_stop"]);
    expect(events.at(-2)).toMatchObject({ type: "message_delta", delta: { stop_reason: "tool_use" } });
    const block = mapper.content.find((b) => b.type === "tool_use");
    expect(block).toEqual({
      type: "tool_use",
      id: "call_8e98a3cbfd744e6ca0b6567a",
      name: "get_weather",
      input: JSON.parse(json),
    });
    // Every block that starts stops, with its index.
    const started = events.filter((e) => e.type === "content_block_start").map((e) => e.index);
    const stopped = events.filter((e) => e.type === "content_block_stop").map((e) => e.index);
    expect(stopped).toEqual(started);
  });

  it("sends a call that came whole in one input_json_delta, and max_tokens for a cut answer", () => {
    const mapper = new EventMapper(meta);
    const events = [
      ...mapper.map({ type: "tool-call", toolCallId: "c1", toolName: "f", input: { a: 1 } } as TextStreamPart<ToolSet>),
      ...mapper.map({ type: "finish", finishReason: "length" } as TextStreamPart<ToolSet>),
      ...mapper.end(usage),
    ];
    expect(events.slice(0, 3)).toEqual([
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "c1", name: "f", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"a":1}' } },
      { type: "content_block_stop", index: 0 },
    ]);
    expect(events[3]).toMatchObject({ type: "message_delta", delta: { stop_reason: "max_tokens" } });
    expect(mapper.content).toEqual([{ type: "tool_use", id: "c1", name: "f", input: { a: 1 } }]);
  });

  it("writes each event with its type on an event: line, as Anthropic does", () => {
    expect(sseEvent({ type: "message_stop" })).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });
});
