import type { LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { prepareRunwareTools } from "./runware-prepare-tools";

const weather: LanguageModelV3FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  inputSchema: { type: "object", properties: { city: { type: "string" } } },
};

describe("prepareRunwareTools", () => {
  it("offers the function tools in Runware's shape, then the server-side tools switched on", () => {
    const { tools } = prepareRunwareTools({
      tools: [weather, { type: "provider", id: "openai.web_search", name: "web_search", args: {} }],
      toolChoice: undefined,
      search: true,
      codeInterpreter: true,
    });
    expect(tools).toEqual([
      { type: "function", name: "get_weather", description: "Weather for a city", schema: weather.inputSchema },
      { type: "search" },
      { type: "codeInterpreter" },
    ]);
  });

  it("sends no tools when there are none", () => {
    expect(prepareRunwareTools({ tools: [], toolChoice: { type: "auto" } })).toEqual({
      tools: undefined,
      toolChoice: undefined,
    });
  });

  it.each([
    [{ type: "auto" as const }, { type: "auto" }],
    [{ type: "none" as const }, { type: "none" }],
    [{ type: "required" as const }, { type: "any" }],
    [
      { type: "tool" as const, toolName: "get_weather" },
      { type: "tool", name: "get_weather" },
    ],
  ])("sends the tool choice %j as %j", (choice, sent) => {
    expect(prepareRunwareTools({ tools: [weather], toolChoice: choice }).toolChoice).toEqual(sent);
  });
});
