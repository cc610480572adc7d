import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import type { ModelId } from "../catalog/models";
import { modelProfile } from "../catalog/profile";
import { PLATFORMS, type PlatformId } from "../providers/platforms";
import { callSettings, type TurnSwitches, withCallSettings } from "./call-settings";

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
