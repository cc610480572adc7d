import { APICallError } from "@ai-sdk/provider";
import { generateText, streamText, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startSimulator } from "@/test/simulator";
import { planResponse } from "../../../scripts/simulator/scenario";
import { createDashScopeNative } from "./index";

// Contract tests: what DashScope's native endpoint receives from this provider, and how its
// streamed and non-streamed answers become AI SDK parts.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator("sk-native");
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

const prompt = "Why is the sky blue?";
const plan = (thinking: boolean) =>
  planResponse({ model: "glm-5.1", messages: [{ role: "user", content: prompt }], thinking });

describe("DashScope native provider", () => {
  it("sends the native request shape and streams reasoning, text and cumulative usage", async () => {
    const model = createDashScopeNative({ baseURL: root, apiKey: sim.apiKey }).chatModel("glm-5.1");
    const result = streamText({
      model,
      system: "Be brief.",
      prompt,
      temperature: 0.7,
      maxOutputTokens: 500,
      providerOptions: { dashscope: { enable_thinking: true } },
    });
    let reasoning = "";
    let text = "";
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") {
        expect(text).toBe(""); // all reasoning before the answer
        reasoning += part.text;
      }
      if (part.type === "text-delta") text += part.text;
    }
    const sent = sim.requests.at(-1);
    expect(sent?.path).toBe("/api/v1/services/aigc/text-generation/generation");
    expect(sent?.headers.authorization).toBe("Bearer sk-native");
    expect(sent?.headers["x-dashscope-sse"]).toBe("enable");
    expect(sent?.body).toEqual({
      model: "glm-5.1",
      input: {
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: prompt },
        ],
      },
      parameters: {
        result_format: "message",
        incremental_output: true,
        temperature: 0.7,
        max_tokens: 500,
        enable_thinking: true,
      },
    });
    const expected = planResponse({
      model: "glm-5.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: prompt },
      ],
      thinking: true,
    });
    expect(reasoning).toBe(expected.reasoning.join(""));
    expect(text).toBe(expected.content.join(""));
    expect(await result.finishReason).toBe("stop");
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(expected.usage.promptTokens);
    expect(usage.outputTokens).toBe(expected.usage.completionTokens);
    expect(usage.outputTokenDetails.reasoningTokens).toBe(expected.usage.reasoningTokens);
    expect(usage.inputTokenDetails.cacheReadTokens).toBe(0);
  });

  it("switches thinking off with enable_thinking: false", async () => {
    const model = createDashScopeNative({ baseURL: root, apiKey: sim.apiKey }).chatModel("glm-5.1");
    const result = streamText({ model, prompt, providerOptions: { dashscope: { enable_thinking: false } } });
    const parts = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).not.toContain("reasoning-delta");
    expect(sim.requests.at(-1)?.body).toMatchObject({ parameters: { enable_thinking: false } });
    expect((await result.usage).outputTokens).toBe(plan(false).usage.completionTokens);
  });

  it("answers a non-streaming call with reasoning, text and usage", async () => {
    const model = createDashScopeNative({ baseURL: root, apiKey: sim.apiKey }).chatModel("glm-5.1");
    const result = await generateText({ model, prompt, providerOptions: { dashscope: { enable_thinking: true } } });
    expect(sim.requests.at(-1)?.headers["x-dashscope-sse"]).toBeUndefined();
    expect(result.reasoningText).toBe(plan(true).reasoning.join(""));
    expect(result.text).toBe(plan(true).content.join(""));
    expect(result.usage.totalTokens).toBe(plan(true).usage.promptTokens + plan(true).usage.completionTokens);
  });

  it("turns a rejected key into an APICallError with the platform's code and message", async () => {
    const model = createDashScopeNative({ baseURL: root, apiKey: "sk-wrong" }).chatModel("glm-5.1");
    const error = await generateText({ model, prompt, maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 401,
      message: "InvalidApiKey: Invalid API-key provided.",
      isRetryable: false,
    });
  });

  it("reports an error event inside the stream with its HTTP status, after the text that came", async () => {
    const model = createDashScopeNative({ baseURL: root, apiKey: sim.apiKey }).chatModel("glm-5.1");
    const result = streamText({
      model,
      prompt: "go [[sim:drop:4]]",
      providerOptions: { dashscope: { enable_thinking: false } },
      onError: () => {},
    });
    let text = "";
    let error: unknown;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      if (part.type === "error") error = part.error;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 500, message: "The stream was interrupted." });
  });

  it("assembles streamed tool-call fragments: id and name first, then argument pieces", async () => {
    // The fragment shape of DashScope's native tool streaming (tool_stream: true).
    const events = [
      {
        message: {
          role: "assistant",
          content: "",
          tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }],
        },
        finish_reason: "null",
      },
      {
        message: {
          role: "assistant",
          content: "",
          tool_calls: [{ index: 0, id: "", function: { arguments: '{"city":' } }],
        },
        finish_reason: "null",
      },
      {
        message: {
          role: "assistant",
          content: "",
          tool_calls: [{ index: 0, id: "", function: { arguments: '"Singapore"}' } }],
        },
        finish_reason: "tool_calls",
      },
    ];
    let lastBody: unknown;
    const body = events
      .map(
        (choice, i) =>
          `id:${i + 1}\nevent:result\n:HTTP_STATUS/200\ndata:${JSON.stringify({ output: { choices: [choice] }, usage: { input_tokens: 20, output_tokens: 5 + i, total_tokens: 25 + i }, request_id: "r1" })}\n\n`,
      )
      .join("");
    const model = createDashScopeNative({
      baseURL: "https://dashscope.example",
      apiKey: "k",
      fetch: async (_url, init) => {
        lastBody = init?.body;
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      },
    }).chatModel("glm-5.1");
    const result = streamText({
      model,
      prompt: "Weather in Singapore?",
      tools: { get_weather: tool({ description: "Weather for a city", inputSchema: z.object({ city: z.string() }) }) },
      providerOptions: { dashscope: { tool_stream: true } },
    });
    const deltas: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === "tool-input-delta") deltas.push(part.delta);
    }
    expect(deltas).toEqual(['{"city":', '"Singapore"}']);
    const sent = JSON.parse(String(lastBody));
    expect(sent.parameters).toMatchObject({
      tool_stream: true,
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather for a city" } }],
    });
    const calls = await result.toolCalls;
    expect(calls).toMatchObject([{ toolCallId: "call_1", toolName: "get_weather", input: { city: "Singapore" } }]);
    expect(await result.finishReason).toBe("tool-calls");
    expect((await result.usage).outputTokens).toBe(7);
  });
});
