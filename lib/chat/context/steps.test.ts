import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { convertToModelMessages, generateText, type ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../shared/chat/message";
import { fitContext, fixedTokens, measure } from "./fit";
import { refitStep, toModelMessages } from "./steps";

const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
const history: ChatMessage[] = [];
for (let i = 0; i < 4; i++) {
  history.push({ id: `u${i}`, role: "user", parts: [{ type: "text", text: words(1_000) }] });
  history.push({ id: `a${i}`, role: "assistant", parts: [{ type: "text", text: words(1_000) }] });
}
history.push({ id: "last", role: "user", parts: [{ type: "text", text: "Look it up [[sim:tool:read_web_page]]" }] });

describe("refitStep", () => {
  const fixed = fixedTokens("", 0);
  const measured = measure(history);
  const total = measured.reduce((s, m) => s + m.full, 0);
  const fitting = { all: history, measured, window: total + fixed + 1_000, output: 500, fixed };
  const first = fitContext({ messages: history, ...fitting });

  const loop = (resultWords: number): ModelMessage[] => [
    { role: "assistant", content: [{ type: "tool-call", toolCallId: "c1", toolName: "read_web_page", input: {} }] },
    {
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: "c1",
          toolName: "read_web_page",
          output: { type: "text", value: words(resultWords) },
        },
      ],
    },
  ];

  it("sends a further call as it is while the loop's additions fit", async () => {
    const sent = await toModelMessages(first.messages);
    expect(await refitStep(fitting, first.tokens, [...sent, ...loop(10)], sent.length)).toBeUndefined();
  });

  it("leaves out the oldest turns when a tool's result no longer fits beside them", async () => {
    const sent = await toModelMessages(first.messages);
    const added = loop(2_500);
    const refitted = await refitStep(fitting, first.tokens, [...sent, ...added], sent.length);
    expect(refitted).toBeDefined();
    // Two turns of ~2,000 tokens make room for the result; the loop's messages follow the question.
    expect(refitted?.length).toBe(sent.length - 4 + added.length);
    expect(refitted?.slice(-2)).toEqual(added);
    expect(refitted?.at(-3)).toEqual(sent.at(-1));
  });
});

describe("toModelMessages", () => {
  /** The body a platform receives for these model messages. */
  async function sentBody(messages: ModelMessage[]): Promise<unknown> {
    let body: unknown;
    const platform = createOpenAICompatible({
      name: "platform",
      baseURL: "http://platform.test/v1",
      fetch: async (_url, init) => {
        body = JSON.parse(String(init?.body));
        const choice = { index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" };
        return Response.json({ id: "1", created: 0, model: "glm-5.1", choices: [choice] });
      },
    });
    await generateText({ model: platform.chatModel("glm-5.1"), messages });
    return body;
  }

  it("sends a platform the same prompt as the SDK's own conversion", async () => {
    const messages: ChatMessage[] = [
      { id: "u1", role: "user", parts: [{ type: "text", text: "Hello" }] },
      {
        id: "a1",
        role: "assistant",
        parts: [{ type: "step-start" }, { type: "reasoning", text: "Think" }, { type: "text", text: "Hi" }],
      },
      { id: "u2", role: "user", parts: [{ type: "text", text: "Bye" }] },
      { id: "a2", role: "assistant", parts: [{ type: "text", text: "So long" }] },
      { id: "u3", role: "user", parts: [{ type: "text", text: "Again" }] },
    ];
    const converted = await toModelMessages(messages);
    // Plain text goes as a string (cheaper for the SDK to check), parts otherwise.
    expect(converted.map((m) => typeof m.content)).toEqual(["string", "object", "string", "string", "string"]);
    expect(await sentBody(converted)).toEqual(
      await sentBody(await convertToModelMessages(messages, { ignoreIncompleteToolCalls: true })),
    );
  });
});
