import type { ModelMessage } from "ai";
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
