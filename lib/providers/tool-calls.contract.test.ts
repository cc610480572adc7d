import { stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startSimulator } from "@/test/simulator";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { languageModel } from "./configured";

// The same turn on every protocol: the model thinks, calls a tool, gets its result and answers.
// What each platform receives (tool definitions in its shape, its tool-streaming switch, the result
// sent back in its shape) and how its tool-call deltas are read (in fragments where it streams
// arguments, whole where it does not).

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator("sk-tools");
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

type Body = Record<string, unknown>;
const cases: {
  platform: PlatformId;
  base: string;
  upstreamId: string;
  /** Tool-call arguments arrive in several deltas. */
  fragments: boolean;
  /** The request's tool definitions and switch, and the tool result sent back, in the platform's shape. */
  tools: (body: Body) => unknown;
  toolStream: (body: Body) => unknown;
  result: (body: Body) => unknown;
}[] = [
  ...(["dashscope", "bigmodel", "acedata", "openai-compatible"] as const).map((platform) => ({
    platform,
    base: { dashscope: "/compatible-mode/v1", bigmodel: "/api/paas/v4", acedata: "/glm", "openai-compatible": "/v1" }[
      platform
    ],
    upstreamId: "glm-4.7",
    fragments: platform !== "acedata",
    tools: (b: Body) => b.tools,
    toolStream: (b: Body) => b.tool_stream,
    result: (b: Body) => (b.messages as Body[]).at(-1),
  })),
  {
    platform: "dashscope-native",
    base: "",
    upstreamId: "glm-4.7",
    fragments: true,
    tools: (b) => (b.parameters as Body).tools,
    toolStream: (b) => (b.parameters as Body).tool_stream,
    result: (b) => ((b.input as Body).messages as Body[]).at(-1),
  },
  {
    platform: "runware",
    base: "",
    upstreamId: "zai:glm@5.1",
    fragments: false,
    tools: (b) => (b as unknown as Body[])[0].tools,
    toolStream: () => undefined,
    result: (b) => ((b as unknown as Body[])[0].messages as Body[]).at(-1),
  },
];

const weather = tool({
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, sky: "clear", celsius: 21 }),
});

describe.each(cases)("$platform", (c) => {
  it("thinks, calls a tool with its arguments, sends the result back and answers from it", async () => {
    const platform = PLATFORMS[c.platform];
    const supportsStreaming = platform.models[c.platform === "runware" ? "glm-5.1" : "glm-4.7"]?.features.toolStreaming;
    const before = sim.requests.length;
    const result = streamText({
      model: languageModel({ platform, baseURL: `${root}${c.base}`, apiKey: sim.apiKey }, c.upstreamId),
      prompt: 'Weather in "Hangzhou"? [[sim:tool:get_weather]]',
      tools: { get_weather: weather },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      providerOptions: platform.providerOptions({
        thinking: true,
        webSearch: false,
        tools: supportsStreaming === true,
      }),
    });
    const order: string[] = [];
    let argumentDeltas = 0;
    let input: unknown;
    let output: unknown;
    for await (const part of result.fullStream) {
      if (part.type === "error") throw part.error;
      if (part.type === "reasoning-delta" || part.type === "text-delta") order.push(part.type);
      if (part.type === "tool-input-delta") argumentDeltas++;
      if (part.type === "tool-call") {
        order.push("tool-call");
        input = part.input;
      }
      if (part.type === "tool-result") output = part.output;
    }
    expect(input).toEqual({ city: "Hangzhou" });
    expect(output).toEqual({ city: "Hangzhou", sky: "clear", celsius: 21 });
    // acedata's simulated models answer without reasoning, as its sample does.
    if (c.platform !== "acedata") expect(order[0]).toBe("reasoning-delta");
    expect(order.indexOf("tool-call")).toBeLessThan(order.indexOf("text-delta"));
    expect(await result.text).toContain("The get_weather tool returned");
    if (c.fragments) expect(argumentDeltas).toBeGreaterThan(1);
    else expect(argumentDeltas).toBe(1);

    const [first, second] = sim.requests.slice(before).map((r) => r.body as Body);
    expect(JSON.stringify(c.tools(first))).toContain('"get_weather"');
    // DashScope and BigModel stream arguments only when asked; vLLM always does; the others never.
    expect(c.toolStream(first)).toBe(["dashscope", "dashscope-native", "bigmodel"].includes(c.platform) || undefined);
    const sentBack = c.result(second) as Body;
    expect(sentBack.role).toBe("tool");
    expect(JSON.parse(String(sentBack.content))).toEqual({ city: "Hangzhou", sky: "clear", celsius: 21 });
    expect(sentBack[c.platform === "runware" ? "id" : "tool_call_id"]).toEqual(expect.any(String));
  });
});
