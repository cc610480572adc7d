import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../platforms";
import { boundedParameters, fitParameters } from "./parameters";
import { compactTokens, describeProfile, modelProfile } from "./profile";

const profile = (platform: keyof typeof PLATFORMS, model: Parameters<typeof modelProfile>[1]) => {
  const p = modelProfile(PLATFORMS[platform], model);
  if (!p) throw new Error(`${model} is not on ${platform}`);
  return p;
};

describe("model profiles", () => {
  it("carry the limits and defaults the platforms document", () => {
    const glm5 = profile("dashscope", "glm-5");
    expect(glm5.limits).toEqual({
      contextWindow: 202_752,
      maxInputTokens: 202_752,
      maxThinkingTokens: 32_768,
      maxOutputTokens: 16_384,
    });
    expect(glm5.sampling).toMatchObject({
      temperature: { default: 1.0 },
      topP: { default: 0.95 },
      topK: { default: 20 },
    });
    expect(profile("dashscope", "glm-4.7").limits.contextWindow).toBe(169_984);

    const bigmodel = profile("bigmodel", "glm-5.1");
    expect(bigmodel.limits.maxOutputTokens).toBe(163_840);
    expect(bigmodel.sampling).toEqual({
      temperature: { min: 0, max: 1, default: 0.95 },
      topP: { min: 0.01, max: 1, default: 0.7 },
      stopSequences: { maxCount: 1, maxLength: 100 },
    });
    // BigModel cuts answers at 1,024 tokens unless told otherwise.
    expect(bigmodel.maxOutputTokens.default).toBe(32_768);
    expect(profile("bigmodel", "glm-3-turbo").maxOutputTokens.default).toBe(4_096);

    expect(profile("runware", "glm-5.1").limits.maxOutputTokens).toBe(131_072);
    expect(modelProfile(PLATFORMS.runware, "glm-4.7")).toBeUndefined();
  });

  it("carry each platform's features for the model", () => {
    expect(profile("dashscope", "glm-5.1").features).toMatchObject({
      thinking: "switch",
      toolStreaming: true,
      webSearch: "without-thinking",
      structuredOutput: false,
      contextCache: "explicit-and-implicit",
    });
    expect(profile("dashscope", "glm-5").features.contextCache).toBe("implicit");
    expect(profile("dashscope", "glm-4.6").features).toMatchObject({ structuredOutput: true, contextCache: "none" });
    expect(profile("acedata", "glm-4.5-air").features).toMatchObject({ thinking: "default", maxCandidates: 4 });
    expect(profile("acedata", "glm-3-turbo").features.thinking).toBe("none");
    expect(profile("runware", "glm-5.1").features).toMatchObject({ webSearch: "always", maxCandidates: 4 });
    expect(describeProfile(profile("dashscope", "glm-5.1"))).toEqual([
      { feature: "context", tokens: 200_000 },
      { feature: "output", tokens: 163_840 },
      { feature: "thinking" },
      { feature: "streamedTools" },
      { feature: "webSearchWithoutThinking" },
      { feature: "contextCache" },
    ]);
    expect(describeProfile(profile("acedata", "glm-4.5-air"))).toContainEqual({ feature: "candidates", count: 4 });
  });

  it("say token counts as people do, in the interface's language", () => {
    expect([200_000, 163_840, 16_384, 512, 1_000_000].map((n) => compactTokens(n))).toEqual([
      "200K",
      "163.8K",
      "16.4K",
      "512",
      "1000K",
    ]);
    expect(compactTokens(163_840, "zh-CN")).toBe("163.8K");
  });
});

describe("fitParameters", () => {
  it("passes values within range unchanged", () => {
    const fitted = fitParameters({ temperature: 0.3, topK: 40, maxOutputTokens: 2048 }, profile("dashscope", "glm-5"));
    expect(fitted).toEqual({ values: { temperature: 0.3, topK: 40, maxOutputTokens: 2048 }, adjustments: [] });
  });

  it("clamps to the platform's range and says why", () => {
    const fitted = fitParameters({ temperature: 1.6, maxOutputTokens: 100_000 }, profile("bigmodel", "glm-4.7"));
    expect(fitted.values).toEqual({ temperature: 1, maxOutputTokens: 16_384 });
    expect(fitted.adjustments).toEqual([
      { parameter: "temperature", requested: 1.6, reason: "out-of-range", applied: 1, min: 0, max: 1 },
      {
        parameter: "maxOutputTokens",
        requested: 100_000,
        reason: "out-of-range",
        applied: 16_384,
        min: 1,
        max: 16_384,
      },
    ]);
  });

  it("rounds whole-number parameters and says so", () => {
    const fitted = fitParameters({ topK: 40.5, maxOutputTokens: 1000.4 }, profile("dashscope", "glm-5"));
    expect(fitted.values).toEqual({ topK: 41, maxOutputTokens: 1000 });
    expect(fitted.adjustments).toEqual([
      { parameter: "topK", requested: 40.5, reason: "not-whole", applied: 41 },
      { parameter: "maxOutputTokens", requested: 1000.4, reason: "not-whole", applied: 1000 },
    ]);
  });

  it("keeps the user's values within what any platform accepts, for the request and the conversation", () => {
    expect(boundedParameters({ temperature: 5, topP: -1, topK: 7.6, maxOutputTokens: 2_000_000 })).toEqual({
      temperature: 2,
      topP: 0,
      topK: 8,
      maxOutputTokens: 1_000_000,
    });
    expect(boundedParameters({ temperature: Number.NaN })).toEqual({});
  });

  it("leaves out what the platform does not accept", () => {
    const fitted = fitParameters({ topK: 40, topP: 0.5 }, profile("runware", "glm-5.1"));
    expect(fitted.values).toEqual({ topP: 0.5 });
    expect(fitted.adjustments).toEqual([{ parameter: "topK", requested: 40, reason: "not-accepted" }]);
  });

  it("fits penalties and seed where the platform takes them, and leaves them out where not", () => {
    const wanted = { presencePenalty: 2.5, frequencyPenalty: -0.5, seed: 42.2 };
    expect(fitParameters(wanted, profile("runware", "glm-5.1"))).toEqual({
      values: { presencePenalty: 2, frequencyPenalty: -0.5, seed: 42 },
      adjustments: [
        { parameter: "presencePenalty", requested: 2.5, reason: "out-of-range", applied: 2, min: -2, max: 2 },
        { parameter: "seed", requested: 42.2, reason: "not-whole", applied: 42 },
      ],
    });
    // DashScope's GLM documents none of them: nothing is sent.
    expect(fitParameters(wanted, profile("dashscope", "glm-5.1")).values).toEqual({});
  });

  it("sends as many stop sequences as the platform takes, no longer than it takes, empty lines dropped", () => {
    const stops = ["END", "", "Done", "x".repeat(60)];
    expect(fitParameters({ stopSequences: stops }, profile("runware", "glm-5.1"))).toEqual({
      values: { stopSequences: ["END", "Done"] },
      adjustments: [{ parameter: "stopSequences", reason: "too-long", maxLength: 50 }],
    });
    expect(fitParameters({ stopSequences: stops }, profile("bigmodel", "glm-4.7"))).toEqual({
      values: { stopSequences: ["END"] },
      adjustments: [{ parameter: "stopSequences", reason: "too-many", max: 1 }],
    });
    expect(fitParameters({ stopSequences: ["END"] }, profile("dashscope", "glm-5")).adjustments).toEqual([
      { parameter: "stopSequences", reason: "not-accepted" },
    ]);
    expect(boundedParameters({ stopSequences: ["", "a", "b"] })).toEqual({ stopSequences: ["a", "b"] });
  });
});
