import { generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/test/simulator";
import { planResponse } from "../../../scripts/simulator/scenario";
import { createRunware } from "./index";

// Contract tests: the task the Runware-style API receives, and how its streamed and synchronous
// answers become AI SDK parts, usage and the platform's own cost.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator("sk-runware");
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

const model = (apiKey = sim.apiKey) => createRunware({ baseURL: root, apiKey }).chatModel("zai:glm@5.1");

describe("Runware provider", () => {
  it("sends one textInference task with settings, and streams reasoning, text, usage and cost", async () => {
    const result = streamText({
      model: model(),
      system: "Answer in one paragraph.",
      prompt: "What is a tide?",
      temperature: 0.4,
      maxOutputTokens: 800,
      stopSequences: ["END"],
      providerOptions: { runware: { thinkingLevel: "high" } },
    });
    let reasoning = "";
    let text = "";
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "text-delta") text += part.text;
    }
    const sent = sim.requests.at(-1);
    expect(sent?.path).toBe("/v1");
    expect(sent?.headers.authorization).toBe("Bearer sk-runware");
    const task = (sent?.body as Record<string, unknown>[] | undefined)?.[0] ?? {};
    expect(task).toMatchObject({
      taskType: "textInference",
      model: "zai:glm@5.1",
      deliveryMethod: "stream",
      includeUsage: true,
      includeCost: true,
      numberResults: 1,
      messages: [{ role: "user", content: "What is a tide?" }],
      settings: {
        systemPrompt: "Answer in one paragraph.",
        temperature: 0.4,
        maxTokens: 800,
        stopSequences: ["END"],
        thinkingLevel: "high",
      },
    });
    expect(task.taskUUID).toMatch(/^[0-9a-f-]{36}$/);
    const plan = planResponse({
      model: "zai:glm@5.1",
      messages: [
        { role: "system", content: "Answer in one paragraph." },
        { role: "user", content: "What is a tide?" },
      ],
      thinking: true,
    });
    expect(reasoning).toBe(plan.reasoning.join(""));
    expect(text).toBe(plan.content.join(""));
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(plan.usage.promptTokens);
    expect(usage.outputTokens).toBe(plan.usage.completionTokens);
    expect(usage.outputTokenDetails.reasoningTokens).toBe(plan.usage.reasoningTokens);
    const metadata = await result.providerMetadata;
    expect(metadata?.runware?.cost).toBeGreaterThan(0);
  });

  it("answers synchronously with deliveryMethod sync", async () => {
    const result = await generateText({
      model: model(),
      prompt: "Hi",
      providerOptions: { runware: { thinkingLevel: "none" } },
    });
    const task = (sim.requests.at(-1)?.body as Record<string, unknown>[] | undefined)?.[0] ?? {};
    expect(task.deliveryMethod).toBe("sync");
    const plan = planResponse({ model: "zai:glm@5.1", messages: [{ role: "user", content: "Hi" }], thinking: false });
    expect(result.text).toBe(plan.content.join(""));
    expect(result.reasoningText).toBeUndefined();
    expect(result.usage.totalTokens).toBe(plan.usage.promptTokens + plan.usage.completionTokens);
    expect(result.providerMetadata?.runware?.cost).toBeGreaterThan(0);
  });

  it("turns the errors array into an APICallError with the platform's code", async () => {
    const error = await generateText({ model: model("sk-wrong"), prompt: "Hi", maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ statusCode: 401, message: expect.stringMatching(/^invalidApiKey: /) });
  });

  it("reports an error chunk inside the stream after the text that came", async () => {
    const result = streamText({ model: model(), prompt: "go [[sim:drop:3]]", onError: () => {} });
    let text = "";
    let error: unknown;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      if (part.type === "error") error = part.error;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ message: "An internal error occurred while processing the task." });
  });
});

describe("Runware simulator wire format", () => {
  it("streams data lines with ping comments, delta objects, a final chunk with usage and cost, and [DONE]", async () => {
    const res = await fetch(`${root}/v1`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}` },
      body: JSON.stringify([
        {
          taskType: "textInference",
          taskUUID: "3f1d3c2a-1111-4a2b-9c3d-000000000001",
          model: "zai:glm@5.1",
          deliveryMethod: "stream",
          includeUsage: true,
          includeCost: true,
          messages: [{ role: "user", content: "hi" }],
          settings: { thinkingLevel: "high" },
        },
      ]),
    });
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events[0]).toBe(": ping");
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)));
    expect(chunks[0]).toMatchObject({
      taskType: "textInference",
      delta: { reasoningContent: expect.any(String) },
      finishReason: null,
      resultIndex: 0,
    });
    const last = chunks.at(-1);
    expect(last).toMatchObject({
      delta: {},
      finishReason: "stop",
      usage: { promptTokens: expect.any(Number), thinkingTokens: expect.any(Number) },
    });
    expect(typeof last.cost).toBe("number");
  });
});
