import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import type { ModelId } from "../shared/catalog/models";
import { modelProfile } from "../shared/catalog/profile";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { callSettings, outputTokensOf, type TurnSwitches, withCallSettings } from "./call-settings";

const turn: TurnSwitches = { thinking: true, webSearch: true, tools: true, parameters: {} };
const settingsFor = (platform: PlatformId, model: ModelId, switches: Partial<TurnSwitches> = {}) => {
  const profile = modelProfile(PLATFORMS[platform], model);
  if (!profile) throw new Error("not served");
  return callSettings(PLATFORMS[platform], profile, { ...turn, ...switches });
};

describe("callSettings", () => {
  it("asks DashScope for web search only with thinking off", () => {
    expect(settingsFor("dashscope", "glm-5.1").providerOptions).toEqual({
      dashscope: { enable_thinking: true, tool_stream: true },
    });
    expect(settingsFor("dashscope", "glm-5.1", { thinking: false }).providerOptions).toEqual({
      dashscope: { enable_thinking: false, enable_search: true, tool_stream: true },
    });
  });

  it("sends no thinking switch to a model that cannot think, nor to a platform without one", () => {
    expect(settingsFor("bigmodel", "glm-3-turbo").providerOptions).toEqual({ bigmodel: { tool_stream: true } });
    expect(settingsFor("acedata", "glm-4.7").providerOptions).toEqual({ acedata: {} });
  });

  it("turns BigModel's sampling off for temperature 0, as Zhipu's SDK does", () => {
    const settings = settingsFor("bigmodel", "glm-4.7", { thinking: false, parameters: { temperature: 0 } });
    expect(settings.temperature).toBe(0);
    expect(settings.providerOptions).toEqual({
      bigmodel: { thinking: { type: "disabled" }, tool_stream: true, do_sample: false },
    });
  });

  it("gives a fallback model its own settings instead of the requested model's", async () => {
    const requested = settingsFor("bigmodel", "glm-5.1", { parameters: { maxOutputTokens: 100_000 } });
    const fallback = settingsFor("bigmodel", "glm-3-turbo", { parameters: { maxOutputTokens: 100_000 } });
    expect(requested.maxOutputTokens).toBe(100_000);
    const params = {
      prompt: [],
      maxOutputTokens: requested.maxOutputTokens,
      providerOptions: requested.providerOptions,
    } as unknown as LanguageModelV3CallOptions;
    const transformed = await withCallSettings(fallback).transformParams?.({
      type: "stream",
      params,
      model: {} as never,
    });
    expect(transformed).toMatchObject({ maxOutputTokens: 4_096, providerOptions: { bigmodel: { tool_stream: true } } });
    expect(transformed?.providerOptions?.bigmodel).not.toHaveProperty("thinking");
  });
});

describe("callSettings: penalties, seed and stop sequences", () => {
  it("sends them fitted to the platform, and nothing a platform does not take", () => {
    const parameters = { presencePenalty: 0.5, frequencyPenalty: 3, seed: 7, stopSequences: ["END", "STOP"] };
    expect(settingsFor("runware", "glm-5.1", { parameters })).toMatchObject({
      presencePenalty: 0.5,
      frequencyPenalty: 2,
      seed: 7,
      stopSequences: ["END", "STOP"],
    });
    expect(settingsFor("bigmodel", "glm-4.7", { parameters })).toMatchObject({
      presencePenalty: undefined,
      seed: undefined,
      stopSequences: ["END"],
    });
    expect(settingsFor("dashscope", "glm-5.1", { parameters })).toMatchObject({
      presencePenalty: undefined,
      frequencyPenalty: undefined,
      seed: undefined,
      stopSequences: undefined,
    });
  });
});

describe("callSettings: the platform's code interpreter", () => {
  it("is asked for only where the platform has one", () => {
    expect(settingsFor("runware", "glm-5.1", { codeInterpreter: true })).toMatchObject({
      codeInterpreter: true,
      providerOptions: { runware: { codeInterpreter: true } },
    });
    expect(settingsFor("dashscope", "glm-5.1", { codeInterpreter: true }).codeInterpreter).toBe(false);
  });
});

describe("callSettings: output limits and a budget's grant", () => {
  it("asks for the answer's limit and, where thinking is counted apart, as much thinking as the model does", () => {
    // DashScope: max_tokens is the response; glm-5 thinks up to 32,768 more (seed 001).
    expect(settingsFor("dashscope", "glm-5").output).toEqual({
      candidates: 1,
      maxTokens: 16_384,
      thinking: 32_768,
      thinkingCap: "parameter",
    });
    // BigModel counts thinking in max_tokens; its default limit is sent.
    expect(settingsFor("bigmodel", "glm-5.1").output).toMatchObject({ maxTokens: 32_768, thinking: 0 });
    expect(outputTokensOf(settingsFor("acedata", "glm-4.7", { candidates: 3 }).output)).toBe(3 * (16_384 + 32_768));
    // No thinking, nothing apart; without a grant, no thinking budget is sent.
    expect(settingsFor("dashscope", "glm-5", { thinking: false }).output.thinking).toBe(0);
    expect(settingsFor("dashscope", "glm-5").providerOptions.dashscope).not.toHaveProperty("thinking_budget");
  });

  it("caps a DashScope call to its grant: the answer keeps what was asked up to half, thinking_budget the rest", () => {
    const capped = (grant: number, parameters = {}) => {
      const profile = modelProfile(PLATFORMS.dashscope, "glm-5.1");
      if (!profile) throw new Error("not served");
      return callSettings(PLATFORMS.dashscope, profile, { ...turn, webSearch: false, parameters }, grant);
    };
    const small = capped(3_000);
    expect(small).toMatchObject({ maxOutputTokens: 1_500, output: { maxTokens: 1_500, thinking: 1_500 } });
    expect(small.providerOptions.dashscope).toMatchObject({ thinking_budget: 1_500 });
    const short = capped(10_000, { maxOutputTokens: 500 });
    expect(short).toMatchObject({ maxOutputTokens: 500, output: { maxTokens: 500, thinking: 9_500 } });
    // A grant that holds everything asked for changes nothing but says so to the platform.
    const glm5 = modelProfile(PLATFORMS.dashscope, "glm-5");
    if (!glm5) throw new Error("not served");
    const full = callSettings(PLATFORMS.dashscope, glm5, turn, 1_000_000);
    expect(full).toMatchObject({ maxOutputTokens: 16_384, output: { thinking: 32_768 } });
    expect(full.providerOptions.dashscope).toMatchObject({ thinking_budget: 32_768 });
  });

  it("sends the grant as max_tokens where thinking counts in it, shared among several answers", () => {
    const profile = modelProfile(PLATFORMS["openai-compatible"], "glm-4.6");
    if (!profile) throw new Error("not served");
    const settings = callSettings(PLATFORMS["openai-compatible"], profile, { ...turn, candidates: 4 }, 10_000);
    expect(settings).toMatchObject({
      maxOutputTokens: 2_500,
      output: { candidates: 4, maxTokens: 2_500, thinking: 0 },
    });
    expect(outputTokensOf(settings.output)).toBeLessThanOrEqual(10_000);
  });

  it("gives thinking held on the stream (Runware) three quarters of a capped grant", () => {
    const profile = modelProfile(PLATFORMS.runware, "glm-5.1");
    if (!profile) throw new Error("not served");
    const settings = callSettings(PLATFORMS.runware, profile, turn, 8_000);
    expect(settings.output).toEqual({ candidates: 1, maxTokens: 2_000, thinking: 6_000, thinkingCap: "stream" });
    expect(settings.providerOptions.runware).not.toHaveProperty("thinkingBudget");
  });

  it("caps a fallback to the grant of the call it makes, read when it makes it", async () => {
    let grant = 2_048;
    const profile = modelProfile(PLATFORMS.bigmodel, "glm-4.7");
    if (!profile) throw new Error("not served");
    const middleware = withCallSettings(() => callSettings(PLATFORMS.bigmodel, profile, turn, grant));
    const run = async () =>
      (
        await middleware.transformParams?.({
          type: "stream",
          params: { prompt: [] } as unknown as LanguageModelV3CallOptions,
          model: {} as never,
        })
      )?.maxOutputTokens;
    expect(await run()).toBe(2_048);
    grant = 1_024;
    expect(await run()).toBe(1_024);
  });
});
