import { UnsupportedFunctionalityError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { convertToDashScopeNativeMessages } from "./convert-to-dashscope-native-messages";

describe("convertToDashScopeNativeMessages", () => {
  it("keeps the roles, joins the user's text parts and passes the reasoning back as reasoning_content", () => {
    expect(
      convertToDashScopeNativeMessages([
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "Why is " },
            { type: "text", text: "the sky blue?" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "Rayleigh scattering." },
            { type: "text", text: "Short wavelengths scatter more." },
          ],
        },
      ]),
    ).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Why is the sky blue?" },
      { role: "assistant", content: "Short wavelengths scatter more.", reasoning_content: "Rayleigh scattering." },
    ]);
  });

  it("sends the assistant's calls with their arguments as JSON text, and each result as a tool message", () => {
    const messages = convertToDashScopeNativeMessages([
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "get_weather", input: { city: "Singapore" } }],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "get_weather",
            output: { type: "json", value: { c: 31 } },
          },
          {
            type: "tool-result",
            toolCallId: "call_2",
            toolName: "get_weather",
            output: { type: "execution-denied", reason: "Not now." },
          },
        ],
      },
    ]);
    expect(messages).toEqual([
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Singapore"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"c":31}' },
      { role: "tool", tool_call_id: "call_2", content: "Not now." },
    ]);
  });

  it("refuses a file in a user message rather than dropping it", () => {
    expect(() =>
      convertToDashScopeNativeMessages([
        { role: "user", content: [{ type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" }] },
      ]),
    ).toThrow(UnsupportedFunctionalityError);
  });
});
