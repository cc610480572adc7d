import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors";
import { toModelMessages } from "./convert-messages";
import { messagesRequestSchema, systemText, thinkingOf } from "./request-schema";

// Anthropic's request bodies, through the schema, as the AI SDK's model messages.

const parse = (body: Record<string, unknown>) =>
  messagesRequestSchema.parse({ model: "glm-5.1", max_tokens: 100, ...body });

describe("toModelMessages", () => {
  it("takes a request shaped as Claude Code 2.1 sends it: a system message mid-conversation, adaptive thinking, its extra fields", () => {
    const body = parse({
      system: [
        { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.197;" },
        { type: "text", text: "You are an agent.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "<system-reminder>context</system-reminder>" },
            { type: "text", text: "Say hello", cache_control: { type: "ephemeral" } },
          ],
        },
        { role: "system", content: "Available agent types: claude, Explore." },
      ],
      tools: [
        {
          name: "Bash",
          description: "Runs a command",
          input_schema: { type: "object", properties: { command: { type: "string" } } },
        },
      ],
      metadata: { user_id: JSON.stringify({ device_id: "d", session_id: "s" }) },
      max_tokens: 32_000,
      thinking: { type: "adaptive" },
      context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
      output_config: { effort: "high" },
      stream: true,
    });
    expect(thinkingOf(body)).toBe(true);
    expect(toModelMessages(systemText(body), body.messages)).toEqual([
      { role: "system", content: "x-anthropic-billing-header: cc_version=2.1.197;\nYou are an agent." },
      {
        role: "user",
        content: [
          { type: "text", text: "<system-reminder>context</system-reminder>" },
          { type: "text", text: "Say hello" },
        ],
      },
      { role: "system", content: "Available agent types: claude, Explore." },
    ]);
  });

  it("refuses anything but text in a system message, naming the block", () => {
    const body = parse({
      messages: [
        { role: "user", content: "Hi" },
        {
          role: "system",
          content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AA==" } }],
        },
      ],
    });
    expect(() => toModelMessages("", body.messages)).toThrow(GatewayError);
  });

  it("puts the system prompt first and takes string and block content", () => {
    const body = parse({
      system: [
        { type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } },
        { type: "text", text: "Answer in French." },
      ],
      messages: [
        { role: "user", content: "Hello" },
        { role: "assistant", content: [{ type: "text", text: "Bonjour" }] },
        { role: "user", content: [{ type: "text", text: "Why?" }] },
      ],
      metadata: { user_id: "u1" },
    });
    expect(toModelMessages(systemText(body), body.messages)).toEqual([
      { role: "system", content: "Be brief.\nAnswer in French." },
      { role: "user", content: "Hello" },
      { role: "assistant", content: [{ type: "text", text: "Bonjour" }] },
      { role: "user", content: "Why?" },
    ]);
  });

  it("takes earlier thinking as reasoning, leaves redacted thinking out, and a tool round trip", () => {
    const body = parse({
      messages: [
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should ask the tool.", signature: "" },
            { type: "redacted_thinking", data: "opaque" },
            { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "Sunny" }] },
            { type: "text", text: "And tomorrow?" },
          ],
        },
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Paris", day: 1 } }],
        },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "no data", is_error: true }],
        },
      ],
    });
    expect(toModelMessages("", body.messages)).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "I should ask the tool." },
          { type: "tool-call", toolCallId: "toolu_1", toolName: "get_weather", input: { city: "Paris" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "toolu_1",
            toolName: "get_weather",
            output: { type: "text", value: "Sunny" },
          },
        ],
      },
      { role: "user", content: "And tomorrow?" },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "toolu_2", toolName: "get_weather", input: { city: "Paris", day: 1 } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "toolu_2",
            toolName: "get_weather",
            output: { type: "error-text", value: "no data" },
          },
        ],
      },
    ]);
  });

  it("refuses images, documents, misplaced blocks and unknown tool calls (400, naming the block)", () => {
    const refused = (messages: unknown[]) => {
      try {
        toModelMessages("", parse({ messages }).messages);
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        return { status: (error as GatewayError).status, param: (error as GatewayError).param };
      }
      throw new Error("not refused");
    };
    const image = { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } };
    expect(refused([{ role: "user", content: [{ type: "text", text: "What is it?" }, image] }])).toEqual({
      status: 400,
      param: "messages[0].content[1]",
    });
    expect(
      refused([{ role: "user", content: [{ type: "tool_result", tool_use_id: "x", content: [image] }] }]),
    ).toMatchObject({ status: 400, param: "messages[0].content[0].tool_use_id" });
    expect(
      refused([{ role: "user", content: [{ type: "document", source: { type: "text", data: "x" } }] }]),
    ).toMatchObject({ status: 400, param: "messages[0].content[0]" });
    expect(
      refused([{ role: "assistant", content: [{ type: "tool_result", tool_use_id: "x", content: "y" }] }]),
    ).toMatchObject({ status: 400, param: "messages[0].content[0]" });
  });
});

describe("the request schema", () => {
  it("requires max_tokens, and reads the thinking switch", () => {
    expect(
      messagesRequestSchema.safeParse({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] }).success,
    ).toBe(false);
    const base = { messages: [{ role: "user", content: "Hi" }] };
    expect(thinkingOf(parse(base))).toBeUndefined();
    expect(thinkingOf(parse({ ...base, thinking: { type: "enabled", budget_tokens: 2048 } }))).toBe(true);
    expect(thinkingOf(parse({ ...base, thinking: { type: "disabled" } }))).toBe(false);
  });

  it("refuses an unknown block type and a temperature above Anthropic's 1", () => {
    expect(
      messagesRequestSchema.safeParse({
        model: "glm-5.1",
        max_tokens: 10,
        messages: [{ role: "user", content: [{ type: "hologram" }] }],
      }).success,
    ).toBe(false);
    expect(
      messagesRequestSchema.safeParse({
        model: "glm-5.1",
        max_tokens: 10,
        temperature: 1.5,
        messages: [{ role: "user", content: "Hi" }],
      }).success,
    ).toBe(false);
  });
});
