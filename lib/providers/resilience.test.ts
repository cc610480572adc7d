import { generateText, streamText, wrapLanguageModel } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/test/simulator";
import type { ModelId } from "../shared/catalog/models";
import { PLATFORMS } from "../shared/platforms";
import { languageModel } from "./configured";
import { resilience } from "./resilience";

// Retries and fallbacks before the first token, against the simulator's fail-first and
// model-down scenarios. Waits are recorded instead of slept.

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator("sk-res");
});
afterAll(() => sim.close());

const platform = PLATFORMS.dashscope;
const config = () => ({ platform, baseURL: sim.baseURL, apiKey: sim.apiKey });

function model(options: { fallbacks?: ModelId[]; maxWaitMs?: number; headersTimeoutMs?: number } = {}) {
  const waits: number[] = [];
  const wrapped = wrapLanguageModel({
    model: languageModel(config(), "glm-5.1"),
    middleware: resilience({
      platform,
      fallbacks: (options.fallbacks ?? []).map((id) => languageModel(config(), id)),
      maxWaitMs: options.maxWaitMs,
      headersTimeoutMs: options.headersTimeoutMs,
      sleep: async (ms) => {
        waits.push(ms);
      },
    }),
  });
  return { wrapped, waits };
}

const requestsFor = (text: string) =>
  sim.requests.filter((r) => JSON.stringify((r.body as { messages?: unknown })?.messages ?? "").includes(text));

describe("resilience middleware", () => {
  it("waits for Retry-After on a 429 and then answers", async () => {
    const { wrapped, waits } = model();
    const prompt = `busy ${Math.random()} [[sim:fail-first:429-1]]`;
    const result = await generateText({ model: wrapped, prompt, maxRetries: 0 });
    expect(result.text).toContain("Here is my answer");
    expect(waits).toEqual([1000]);
    expect(requestsFor(prompt)).toHaveLength(2);
  });

  it("backs off exponentially on server errors, then gives up with the platform's error", async () => {
    const { wrapped, waits } = model();
    const prompt = `down ${Math.random()} [[sim:fail-first:500-9]]`;
    const error = await generateText({ model: wrapped, prompt, maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 500 });
    expect(waits).toEqual([500, 1000]);
    expect(requestsFor(prompt)).toHaveLength(3);
  });

  it("fails at once on errors that waiting cannot fix", async () => {
    const { wrapped, waits } = model();
    const prompt = `bad ${Math.random()} [[sim:error:401]]`;
    await expect(generateText({ model: wrapped, prompt, maxRetries: 0 })).rejects.toMatchObject({ statusCode: 401 });
    expect(waits).toEqual([]);
    expect(requestsFor(prompt)).toHaveLength(1);
  });

  it("does not wait longer than allowed: a long Retry-After fails now", async () => {
    const { wrapped, waits } = model({ maxWaitMs: 500 });
    const prompt = `busy ${Math.random()} [[sim:fail-first:429-1]]`;
    await expect(generateText({ model: wrapped, prompt, maxRetries: 0 })).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toEqual([]);
  });

  it("gives up on a platform that sends no headers in time, and retries", async () => {
    const { wrapped, waits } = model({ headersTimeoutMs: 200 });
    const prompt = `silent ${Math.random()} [[sim:first-delay:2000]]`;
    const started = Date.now();
    const error = await generateText({ model: wrapped, prompt, maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: "DashScope sent no answer within 1 s." });
    expect(waits).toEqual([500, 1000]);
    expect(requestsFor(prompt)).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("falls back along the chain when the requested model stays unavailable, and says who answered", async () => {
    const { wrapped } = model({ fallbacks: ["glm-4.7", "glm-4.5-air"] });
    const prompt = `fallback ${Math.random()} [[sim:down:glm-5.1]]`;
    const result = streamText({ model: wrapped, prompt, maxRetries: 0 });
    expect(await result.text).toContain("It comes from **glm-4.7**");
    expect((await result.response).modelId).toBe("glm-4.7");
    const models = requestsFor(prompt).map((r) => (r.body as { model: string }).model);
    expect(models).toEqual(["glm-5.1", "glm-5.1", "glm-5.1", "glm-4.7"]);
  });
});
