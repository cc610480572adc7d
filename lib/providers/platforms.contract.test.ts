import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/test/simulator";
import { planResponse } from "../../scripts/simulator/scenario";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { languageModel } from "./configured";
import { upstreamError } from "./upstream-errors";

// Contract tests for the OpenAI-compatible platforms: the request each one receives from our
// provider layer (path, auth header, thinking switch, usage option) and the parsing of its
// stream (reasoning, text, usage wherever the platform puts it), against the simulator's dialects.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator("sk-contract");
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

const cases: { platform: PlatformId; base: string; path: string; thinkingField: (on: boolean) => object }[] = [
  {
    platform: "dashscope",
    base: "/compatible-mode/v1",
    path: "/compatible-mode/v1/chat/completions",
    thinkingField: (on) => ({ enable_thinking: on }),
  },
  {
    platform: "bigmodel",
    base: "/api/paas/v4",
    path: "/api/paas/v4/chat/completions",
    thinkingField: (on) => ({ thinking: { type: on ? "enabled" : "disabled" } }),
  },
  {
    platform: "openai-compatible",
    base: "/v1",
    path: "/v1/chat/completions",
    thinkingField: (on) => ({ chat_template_kwargs: { enable_thinking: on } }),
  },
];

function modelFor(platform: PlatformId, base: string, apiKey = sim.apiKey) {
  return languageModel({ platform: PLATFORMS[platform], baseURL: `${root}${base}`, apiKey }, "glm-4.7");
}

async function run(platform: PlatformId, base: string, prompt: string, thinking: boolean) {
  const result = streamText({
    model: modelFor(platform, base),
    prompt,
    providerOptions: PLATFORMS[platform].providerOptions({ thinking, webSearch: false, tools: false }),
    maxRetries: 0,
    onError: () => {},
  });
  let reasoning = "";
  let text = "";
  let error: unknown;
  for await (const part of result.fullStream) {
    if (part.type === "reasoning-delta") reasoning += part.text;
    if (part.type === "text-delta") text += part.text;
    if (part.type === "error") error = part.error;
  }
  return { reasoning, text, error, usage: error ? undefined : await result.usage };
}

describe.each(cases)("$platform", ({ platform, base, path: urlPath, thinkingField }) => {
  it.each([true, false])("sends its own thinking switch (%s) and parses reasoning, text and usage", async (on) => {
    const prompt = `Explain tides ${platform} ${on}`;
    const { reasoning, text, usage } = await run(platform, base, prompt, on);
    const sent = sim.requests.at(-1);
    expect(sent?.path).toBe(urlPath);
    expect(sent?.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
    expect(sent?.body).toMatchObject({
      model: "glm-4.7",
      stream: true,
      stream_options: { include_usage: true },
      ...thinkingField(on),
    });
    const plan = planResponse({ model: "glm-4.7", messages: [{ role: "user", content: prompt }], thinking: on });
    expect(reasoning).toBe(plan.reasoning.join(""));
    expect(text).toBe(plan.content.join(""));
    expect(usage?.inputTokens).toBe(plan.usage.promptTokens);
    expect(usage?.outputTokens).toBe(plan.usage.completionTokens);
    expect(usage?.outputTokenDetails.reasoningTokens ?? 0).toBe(plan.usage.reasoningTokens);
  });
});

describe("acedata", () => {
  it("sends no thinking switch and reads usage from the chunk after the finish", async () => {
    const prompt = "Say hi to AceData";
    const { text, usage } = await run("acedata", "/glm", prompt, true);
    const sent = sim.requests.at(-1);
    expect(sent?.path).toBe("/glm/chat/completions");
    expect(sent?.body).not.toHaveProperty("enable_thinking");
    expect(sent?.body).not.toHaveProperty("thinking");
    const plan = planResponse({ model: "glm-4.7", messages: [{ role: "user", content: prompt }], thinking: false });
    expect(text).toBe(plan.content.join(""));
    expect(usage?.totalTokens).toBe(plan.usage.promptTokens + plan.usage.completionTokens);
  });

  // The documented SSE sample, replayed byte for byte from the seed (read at test time, not copied).
  const seed = path.resolve(import.meta.dirname, "../../../shared/seeds/003_97c783a95d685261.txt");
  it.skipIf(!existsSync(seed))("parses AceData's documented stream sample exactly", async () => {
    const lines = readFileSync(seed, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("data: "));
    const sample = lines.slice(0, lines.indexOf("data: [DONE]") + 1);
    expect(sample.length).toBeGreaterThan(3);
    const body = sample.map((l) => `${l}\n\n`).join("");
    const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
    const model = createOpenAICompatible({
      name: "acedata",
      baseURL: "https://api.acedata.example/glm",
      apiKey: "k",
      includeUsage: true,
      fetch: async () => new Response(body, { headers: { "content-type": "text/event-stream" } }),
    }).chatModel("glm-4.5-air");
    const result = streamText({ model, prompt: "hi" });
    const expectedText = sample
      .slice(0, -1)
      .map((l) => JSON.parse(l.slice(6)))
      .flatMap((c) => c.choices.map((ch: { delta: { content?: string } }) => ch.delta.content ?? ""))
      .join("");
    const usageChunk = JSON.parse(sample.at(-2)?.slice(6) ?? "{}").usage;
    expect(await result.text).toBe(expectedText);
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(usageChunk.prompt_tokens);
    expect(usage.outputTokens).toBe(usageChunk.completion_tokens);
    expect(usage.totalTokens).toBe(usageChunk.total_tokens);
    expect(await result.finishReason).toBe("stop");
  });

  it("prints chunks as AceData's sample does: Python separators, id first, usage null until the last", async () => {
    const res = await fetch(`${root}/glm/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}` },
      body: JSON.stringify({ model: "glm-4.5-air", messages: [{ role: "user", content: "hi" }], stream: true }),
    });
    const data = (await res.text()).split("\n\n").filter(Boolean);
    expect(data[0]).toMatch(
      /^data: \{"id": "msg_\w+", "object": "chat\.completion\.chunk", "created": \d+, "model": "glm-4\.5-air", "choices": \[\{"delta": \{"content": "", "role": "assistant"\}, "finish_reason": null, "index": 0\}\], "usage": null\}$/,
    );
    expect(data.at(-2)).toMatch(/"choices": \[\], "usage": \{"prompt_tokens": \d+/);
    expect(data.at(-1)).toBe("data: [DONE]");
  });
});

describe("bigmodel", () => {
  it("puts usage in the finish chunk rather than a chunk of its own", async () => {
    const res = await fetch(`${root}/api/paas/v4/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}` },
      body: JSON.stringify({
        model: "glm-5.1",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        thinking: { type: "disabled" },
      }),
    });
    const chunks = (await res.text())
      .split("\n\n")
      .filter((l) => l.startsWith("data: {"))
      .map((l) => JSON.parse(l.slice(6)));
    const last = chunks.at(-1);
    expect(last.choices[0].finish_reason).toBe("stop");
    expect(last.usage.total_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => !("usage" in c))).toBe(true);
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
  });
});

// BigModel's documented responses (seed 002), read at test time and replayed through our provider.
const bigmodelSeed = path.resolve(import.meta.dirname, "../../../shared/seeds/002_31a536b9063a4988.txt");
function documentedJson(file: string, marker: string): unknown[] {
  const text = readFileSync(file, "utf8");
  const found: unknown[] = [];
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    const start = text.lastIndexOf("{", at);
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        found.push(JSON.parse(text.slice(start, i + 1)));
        break;
      }
    }
  }
  return found;
}

describe.skipIf(!existsSync(bigmodelSeed))("bigmodel's documented responses", () => {
  const replay = async (body: unknown, status = 200) => {
    const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
    return createOpenAICompatible({
      name: "bigmodel",
      baseURL: "https://open.bigmodel.example/api/paas/v4",
      apiKey: "id.secret",
      fetch: async () =>
        new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
    }).chatModel("glm-5.1");
  };

  it("parses the text and the tool-call completions exactly", async () => {
    const completions = documentedJson(bigmodelSeed, '"object": "chat.completion"') as {
      choices: {
        message: { content: string | null; tool_calls?: { function: { name: string; arguments: string } }[] };
      }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    }[];
    expect(completions.length).toBeGreaterThanOrEqual(3);
    for (const doc of completions) {
      const result = await generateText({ model: await replay(doc), prompt: "x", maxRetries: 0 });
      const message = doc.choices[0].message;
      expect(result.text).toBe(message.content ?? "");
      expect(result.usage.inputTokens).toBe(doc.usage.prompt_tokens);
      expect(result.usage.outputTokens).toBe(doc.usage.completion_tokens);
      const call = message.tool_calls?.[0];
      if (call) {
        expect(result.finishReason).toBe("tool-calls");
        expect(result.toolCalls[0]).toMatchObject({
          toolName: call.function.name,
          input: JSON.parse(call.function.arguments),
        });
      }
    }
  });

  it("reads its documented 429 body as a rate limit", async () => {
    const [body] = documentedJson(bigmodelSeed, '"code": "rate_limit_exceeded"');
    const error = await generateText({ model: await replay(body, 429), prompt: "x", maxRetries: 0 }).catch((e) => e);
    expect(upstreamError(error, PLATFORMS.bigmodel).message).toBe(
      "Zhipu BigModel is rate-limiting requests right now. Wait a moment and try again.",
    );
  });
});

describe("upstream errors become messages that say what to do", () => {
  it.each([
    ["bigmodel", "/api/paas/v4", 401, "The API key for Zhipu BigModel was rejected — ask an admin to update it."],
    ["acedata", "/glm", 401, "The API key for AceData Cloud was rejected — ask an admin to update it."],
    ["acedata", "/glm", 500, "AceData Cloud is temporarily unavailable (HTTP 500). Try again in a minute."],
    [
      "dashscope",
      "/compatible-mode/v1",
      400,
      "This conversation is too long for the model on DashScope. Start a new chat or shorten your message.",
    ],
  ] as const)("%s %s → %s", async (platform, base, status, message) => {
    const { error } = await run(platform, base, `fail [[sim:error:${status}]]`, false);
    expect(upstreamError(error, PLATFORMS[platform]).message).toBe(message);
  });
});
