import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { jsonSchema, stepCountIs, streamText, tool } from "ai";
import { MockLanguageModelV3, simulateReadableStream } from "ai/test";
import { describe, expect, it } from "vitest";
import { boundedResult, guarded, MAX_TOOL_CALLS_PER_STEP, MAX_TOOL_RESULT_CHARS } from "./guarded";
import { ToolError } from "./tool-error";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A model that calls `lookup` `calls` times at once, then answers from what it got back. */
function modelCalling(calls: number) {
  const prompts: unknown[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      prompts.push(options.prompt);
      const chunks: LanguageModelV3StreamPart[] =
        prompts.length === 1
          ? [
              ...Array.from({ length: calls }, (_, i) => ({
                type: "tool-call" as const,
                toolCallId: `call-${i}`,
                toolName: "lookup",
                input: JSON.stringify({ n: i }),
              })),
              { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
            ]
          : [
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Done." },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
            ];
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
  return { model, prompts };
}

describe("guarded tools", () => {
  it(`runs at most ${MAX_TOOL_CALLS_PER_STEP} calls of one step; the others get an error and the model goes on`, async () => {
    const ran: number[] = [];
    const lookup = guarded(
      tool({
        inputSchema: jsonSchema<{ n: number }>({ type: "object", properties: { n: { type: "number" } } }),
        execute: async ({ n }) => {
          ran.push(n);
          return `result ${n}`;
        },
      }),
    );
    const { model, prompts } = modelCalling(MAX_TOOL_CALLS_PER_STEP + 3);
    const result = streamText({ model, tools: { lookup }, stopWhen: stepCountIs(3), prompt: "Look everything up" });
    expect(await result.text).toBe("Done.");

    const [first] = await result.steps;
    expect(ran).toHaveLength(MAX_TOOL_CALLS_PER_STEP);
    expect(first.toolResults.map((r) => r.output)).toEqual(ran.map((n) => `result ${n}`));
    expect(first.content.filter((p) => p.type === "tool-error")).toHaveLength(3);
    for (const refused of first.content.filter((p) => p.type === "tool-error")) {
      expect(refused.error).toEqual(expect.any(ToolError));
      expect(String((refused.error as Error).message)).toMatch(/^Not run: at most 8 tool calls run at once/);
    }
    // The model was asked again, with every call answered.
    expect(prompts).toHaveLength(2);
  });

  it("counts each step afresh", async () => {
    const lookup = guarded(tool({ inputSchema: jsonSchema({ type: "object" }), execute: async () => "ok" }));
    const run = (messages: unknown[]) => lookup.execute?.({}, { toolCallId: "c", messages: messages as never });
    const stepOne: unknown[] = [];
    const stepTwo: unknown[] = [];
    for (let i = 0; i < MAX_TOOL_CALLS_PER_STEP; i++) await expect(run(stepOne)).resolves.toBe("ok");
    await expect(run(stepOne)).rejects.toThrow(/Not run/);
    await expect(run(stepTwo)).resolves.toBe("ok");
  });

  it("cuts a result, a structured result and an error to what the model may read", async () => {
    const long = "x".repeat(MAX_TOOL_RESULT_CHARS + 500);
    const cutText = boundedResult(long) as string;
    expect(cutText).toHaveLength(MAX_TOOL_RESULT_CHARS + "\n[… cut at 32,000 characters]".length);
    expect(cutText.endsWith("[… cut at 32,000 characters]")).toBe(true);

    const structured = { rows: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `row ${i}` })) };
    const cutJson = boundedResult(structured);
    expect(typeof cutJson).toBe("string");
    expect((cutJson as string).startsWith('{"rows":[{"id":0,"name":"row 0"}')).toBe(true);
    expect((cutJson as string).length).toBeLessThan(MAX_TOOL_RESULT_CHARS + 100);

    const small = { time: "12:00" };
    expect(boundedResult(small)).toBe(small);
    expect(boundedResult("short")).toBe("short");
    expect(boundedResult(42)).toBe(42);

    const noisy = guarded(
      tool({
        inputSchema: jsonSchema({ type: "object" }),
        execute: async (): Promise<string> => {
          throw new Error(long);
        },
      }),
    );
    const error = await Promise.resolve(noisy.execute?.({}, { toolCallId: "c", messages: [] })).catch((e) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as Error).message.length).toBeLessThan(MAX_TOOL_RESULT_CHARS + 100);
  });
});
