import { UnsupportedFunctionalityError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { convertToRunwareMessages } from "./convert-to-runware-messages";

describe("convertToRunwareMessages", () => {
  it("puts the system messages in one systemPrompt and the user's text parts in one message", () => {
    expect(
      convertToRunwareMessages([
        { role: "system", content: "Be brief." },
        { role: "system", content: "Answer in English." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is " },
            { type: "text", text: "a tide?" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "The user asks about tides." },
            { type: "text", text: "The sea rising and falling." },
          ],
        },
      ]),
    ).toEqual({
      systemPrompt: "Be brief.\n\nAnswer in English.",
      messages: [
        { role: "user", content: "What is a tide?" },
        { role: "assistant", content: "The sea rising and falling." },
      ],
    });
  });

  it("sends the assistant's calls as its tools and each result as a tool message, not the platform's own calls", () => {
    const { systemPrompt, messages } = convertToRunwareMessages([
      { role: "user", content: [{ type: "text", text: "Weather in Singapore and Oslo?" }] },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "s1", toolName: "search", input: { q: "weather" }, providerExecuted: true },
          { type: "tool-call", toolCallId: "c1", toolName: "get_weather", input: { city: "Singapore" } },
          { type: "tool-call", toolCallId: "c2", toolName: "get_weather", input: { city: "Oslo" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "get_weather",
            output: { type: "json", value: { c: 31 } },
          },
          { type: "tool-result", toolCallId: "c2", toolName: "get_weather", output: { type: "execution-denied" } },
        ],
      },
    ]);
    expect(systemPrompt).toBeUndefined();
    expect(messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: "",
        tools: [
          { id: "c1", name: "get_weather", input: { city: "Singapore" } },
          { id: "c2", name: "get_weather", input: { city: "Oslo" } },
        ],
      },
      { role: "tool", id: "c1", content: '{"c":31}' },
      { role: "tool", id: "c2", content: "The user denied this tool call." },
    ]);
  });

  it("refuses a file in a user message rather than dropping it", () => {
    expect(() =>
      convertToRunwareMessages([
        { role: "user", content: [{ type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" }] },
      ]),
    ).toThrow(UnsupportedFunctionalityError);
  });
});
