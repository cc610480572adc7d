import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../shared/chat/message";
import { sharedView } from "./shared-view";

const usage = {
  inputTokens: 5,
  outputTokens: 7,
  reasoningTokens: 2,
  cachedInputTokens: 0,
  totalTokens: 12,
  estimated: false,
};
const messages: ChatMessage[] = [
  { id: "u1", role: "user", parts: [{ type: "text", text: "Hi" }], metadata: { createdAt: 1, parentId: null } },
  {
    id: "a1",
    role: "assistant",
    parts: [
      { type: "step-start" },
      { type: "reasoning", text: "thinking…", state: "done" },
      {
        type: "tool-current_time",
        toolCallId: "call-1",
        state: "output-available",
        input: { timezone: "UTC" },
        output: { time: "12:00" },
      },
      { type: "text", text: "Hello", state: "done" },
    ],
    metadata: {
      createdAt: 2,
      parentId: "u1",
      status: "done",
      model: "glm-5.1",
      usage,
      cost: { micros: 12, currency: "USD" },
      timings: { ttftMs: 100, reasoningMs: 50, durationMs: 900 },
      error: { code: "x", message: "internal" },
    },
  },
];

describe("sharedView", () => {
  it("shows the text only, by default choices, and no ids, parents, timings or errors", () => {
    const view = sharedView(messages, { mode: "snapshot", showThinking: false, showTools: false, showUsage: false });
    expect(view).toEqual([
      { role: "user", parts: [{ type: "text", text: "Hi" }], metadata: { createdAt: 1 } },
      {
        role: "assistant",
        parts: [{ type: "text", text: "Hello", state: "done" }],
        metadata: { createdAt: 2, status: "done", model: "glm-5.1" },
      },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/u1|a1|internal|ttftMs/);
  });

  it("adds thinking, tool calls and usage when the owner chose them", () => {
    const [, answer] = sharedView(messages, { mode: "live", showThinking: true, showTools: true, showUsage: true });
    expect(answer.parts.map((p) => p.type)).toEqual(["reasoning", "tool-current_time", "text"]);
    expect(answer.metadata).toMatchObject({ usage, cost: { micros: 12, currency: "USD" } });
  });
});
