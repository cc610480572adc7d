import type { LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { prepareDashScopeNativeTools } from "./dashscope-native-prepare-tools";

const weather: LanguageModelV3FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  inputSchema: { type: "object", properties: { city: { type: "string" } } },
};

describe("prepareDashScopeNativeTools", () => {
  it("offers the function tools in the OpenAI shape, leaving provider-defined ones out", () => {
    const { tools } = prepareDashScopeNativeTools({
      tools: [weather, { type: "provider", id: "openai.web_search", name: "web_search", args: {} }],
      toolChoice: undefined,
    });
    expect(tools).toEqual([
      {
        type: "function",
        function: { name: "get_weather", description: "Weather for a city", parameters: weather.inputSchema },
      },
    ]);
  });

  it("sends neither tools nor a tool choice when no function tool is left", () => {
    expect(
      prepareDashScopeNativeTools({
        tools: [{ type: "provider", id: "openai.web_search", name: "web_search", args: {} }],
        toolChoice: { type: "required" },
      }),
    ).toEqual({ tools: undefined, toolChoice: undefined });
  });

  it.each([
    [{ type: "auto" as const }, "auto"],
    [{ type: "none" as const }, "none"],
    [{ type: "required" as const }, "required"],
    [
      { type: "tool" as const, toolName: "get_weather" },
      { type: "function", function: { name: "get_weather" } },
    ],
  ])("sends the tool choice %j as %j", (choice, sent) => {
    expect(prepareDashScopeNativeTools({ tools: [weather], toolChoice: choice }).toolChoice).toEqual(sent);
  });
});
