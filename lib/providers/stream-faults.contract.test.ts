import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/test/simulator";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { languageModel } from "./configured";
import { upstreamError } from "./upstream-errors";

// Faults in the middle of a stream, on each protocol: a malformed chunk is reported and the answer
// goes on (with a gap); a stream gone silent is ended by the chunk timeout; a dropped stream ends
// with an error. What the user is told comes from upstreamError.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator("sk-faults");
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

const cases: { platform: PlatformId; base: string; model: string }[] = [
  { platform: "dashscope", base: "/compatible-mode/v1", model: "glm-4.7" },
  { platform: "dashscope-native", base: "", model: "glm-4.7" },
  { platform: "runware", base: "", model: "zai:glm@5.1" },
];

async function run(c: (typeof cases)[number], prompt: string, chunkMs?: number) {
  const platform = PLATFORMS[c.platform];
  const result = streamText({
    model: languageModel({ platform, baseURL: `${root}${c.base}`, apiKey: sim.apiKey }, c.model),
    prompt,
    maxRetries: 0,
    timeout: chunkMs ? { chunkMs } : undefined,
    providerOptions: platform.providerOptions({ thinking: false, webSearch: false, tools: false }),
  });
  let text = "";
  const errors: unknown[] = [];
  let aborted = false;
  try {
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") text += part.text;
      if (part.type === "error") errors.push(part.error);
      if (part.type === "abort") aborted = true;
    }
  } catch (error) {
    // A dropped connection surfaces as a thrown error rather than an error part.
    errors.push(error);
  }
  return { text, errors, aborted };
}

describe.each(cases)("$platform", (c) => {
  it("reports a malformed chunk as such and keeps the rest of the answer", async () => {
    const { text, errors } = await run(c, "Malformed [[sim:malformed:2]]");
    expect(errors).toHaveLength(1);
    expect(upstreamError(errors[0], PLATFORMS[c.platform]).message).toMatch(/could not be read \(a malformed chunk\)/);
    expect(text).toContain("Done.");
  });

  it("ends a stream that goes silent with the chunk timeout", async () => {
    const started = Date.now();
    const { text, aborted, errors } = await run(c, "Stall [[sim:stall:3]]", 300);
    expect(aborted || errors.length > 0).toBe(true);
    expect(text.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("ends a dropped stream with an error", async () => {
    const { errors, text } = await run(c, "Drop [[sim:drop:3]]");
    expect(errors.length).toBeGreaterThan(0);
    expect(text).not.toContain("Done.");
  });
});
