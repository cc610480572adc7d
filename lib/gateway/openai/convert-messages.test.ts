import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { toModelMessages } from "./convert-messages";
import { chatCompletionRequestSchema, thinkingOf } from "./request-schema";

const parse = (body: unknown) => chatCompletionRequestSchema.parse(body);
const messages = (list: unknown[]) => parse({ model: "glm-5.1", messages: list }).messages;

describe("toModelMessages", () => {
  it("keeps system and developer messages in place, and joins text parts", () => {
    expect(
      toModelMessages(
        messages([
          { role: "system", content: "Be brief." },
          {
            role: "user",
            content: [
              { type: "text", text: "Hello, " },
              { type: "text", text: "there" },
            ],
          },
          { role: "developer", content: "Answer in French." },
        ]),
      ),
    ).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hello, there" },
      { role: "system", content: "Answer in French." },
    ]);
  });

  it("turns an assistant's thinking, text and tool calls into parts, and tool results into one tool message", () => {
    const converted = toModelMessages(
      messages([
        { role: "user", content: "Weather?" },
        {
          role: "assistant",
          content: null,
          reasoning_content: "Two cities.",
          tool_calls: [
            { id: "a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            { id: "b", type: "function", function: { name: "get_weather", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "a", content: "Sunny" },
        { role: "tool", tool_call_id: "b", content: [{ type: "text", text: "Rain" }] },
      ]),
    );
    expect(converted[1]).toEqual({
      role: "assistant",
      content: [
        { type: "reasoning", text: "Two cities." },
        { type: "tool-call", toolCallId: "a", toolName: "get_weather", input: { city: "Paris" } },
        { type: "tool-call", toolCallId: "b", toolName: "get_weather", input: {} },
      ],
    });
    expect(converted[2]).toEqual({
      role: "tool",
      content: [
        { type: "tool-result", toolCallId: "a", toolName: "get_weather", output: { type: "text", value: "Sunny" } },
        { type: "tool-result", toolCallId: "b", toolName: "get_weather", output: { type: "text", value: "Rain" } },
      ],
    });
    expect(converted).toHaveLength(3);
  });

  it("refuses images, arguments that are not JSON, and results of calls never made, naming the field", () => {
    const refused = (list: unknown[]) => {
      try {
        toModelMessages(messages(list));
      } catch (error) {
        return error instanceof GatewayError ? { status: error.status, param: error.param } : error;
      }
      return null;
    };
    expect(refused([{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }])).toEqual({
      status: 400,
      param: "messages[0].content[0]",
    });
    expect(
      refused([
        { role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "{" } }] },
      ]),
    ).toEqual({ status: 400, param: "messages[0].tool_calls[0].function.arguments" });
    expect(refused([{ role: "tool", tool_call_id: "x", content: "?" }])).toEqual({
      status: 400,
      param: "messages[0].tool_call_id",
    });
  });
});

describe("the request's thinking switch", () => {
  const base = { model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] };
  it("reads DashScope's, BigModel's and OpenAI's ways of saying it, or leaves it to the platform", () => {
    expect(thinkingOf(parse({ ...base, enable_thinking: false }))).toBe(false);
    expect(thinkingOf(parse({ ...base, thinking: { type: "enabled" } }))).toBe(true);
    expect(thinkingOf(parse({ ...base, reasoning_effort: "minimal" }))).toBe(false);
    expect(thinkingOf(parse({ ...base, reasoning_effort: "medium" }))).toBe(true);
    expect(thinkingOf(parse(base))).toBeUndefined();
  });
});
