import { describe, expect, it } from "vitest";
import type { MessageRow } from "../../chat/queries/conversations";
import type { ChatPart } from "./message";
import { partsToStore, toChatMessage } from "./stored-message";

const usageRow = (over: Partial<MessageRow["usage"][number]> = {}): MessageRow["usage"][number] => ({
  id: "u1",
  userId: "user",
  conversationId: "c1",
  messageId: "m2",
  purpose: "answer",
  platform: "dashscope",
  requestedModel: "glm-5.1",
  answeredModel: "glm-5.1",
  inputTokens: 10,
  outputTokens: 40,
  reasoningTokens: 15,
  cachedInputTokens: 2,
  totalTokens: 50,
  estimated: false,
  outputCap: null,
  apiKeyId: null,
  ttftMs: 420,
  reasoningMs: 1800,
  durationMs: 2500,
  costMicros: null,
  currency: null,
  costSource: null,
  priceId: null,
  multiplier: 1,
  createdAt: new Date("2026-11-22T10:00:00Z"),
  ...over,
});

const row = (over: Partial<MessageRow> = {}): MessageRow => ({
  id: "m2",
  conversationId: "c1",
  parentId: null,
  role: "assistant",
  parts: [
    { type: "reasoning", text: "hmm", state: "done" },
    { type: "text", text: "Hello", state: "done" },
  ],
  status: "done",
  model: "glm-5.1",
  finishReason: "stop",
  error: null,
  live: null,
  context: null,
  tokens: null,
  leanTokens: null,
  revision: 1,
  createdAt: new Date("2026-11-22T10:00:00Z"),
  usage: [usageRow()],
  ...over,
});

describe("toChatMessage", () => {
  it("rebuilds an answer with the usage and timings its footer showed", () => {
    expect(toChatMessage(row())).toEqual({
      id: "m2",
      role: "assistant",
      parts: [
        { type: "reasoning", text: "hmm", state: "done" },
        { type: "text", text: "Hello", state: "done" },
      ],
      metadata: {
        createdAt: Date.parse("2026-11-22T10:00:00Z"),
        parentId: null,
        status: "done",
        model: "glm-5.1",
        finishReason: "stop",
        usage: {
          inputTokens: 10,
          outputTokens: 40,
          reasoningTokens: 15,
          cachedInputTokens: 2,
          totalTokens: 50,
          estimated: false,
        },
        timings: { ttftMs: 420, reasoningMs: 1800, durationMs: 2500 },
      },
    });
  });

  it("sums several upstream calls of one answer, and marks the sum estimated if any part was", () => {
    const message = toChatMessage(
      row({ usage: [usageRow(), usageRow({ id: "u2", ttftMs: 100, reasoningMs: null, estimated: true })] }),
    );
    expect(message.metadata?.usage).toMatchObject({ inputTokens: 20, outputTokens: 80, estimated: true });
    expect(message.metadata?.timings).toEqual({ ttftMs: 420, reasoningMs: 1800, durationMs: 5000 });
  });

  it("carries a saved error and a stopped status", () => {
    const message = toChatMessage(
      row({ status: "error", error: { code: "upstream_auth", message: "The API key was rejected" }, usage: [] }),
    );
    expect(message.metadata).toMatchObject({ status: "error", error: { message: "The API key was rejected" } });
    expect(message.metadata?.usage).toBeUndefined();
  });

  it("carries what the answer's first call sent, and ignores a malformed record", () => {
    const context = { omitted: 12, firstId: "u7", tokens: 38_000, window: 200_000 };
    expect(toChatMessage(row({ context })).metadata?.context).toEqual(context);
    expect(toChatMessage(row({ context: { omitted: -1 } })).metadata?.context).toBeUndefined();
  });

  it("keeps user messages plain", () => {
    const message = toChatMessage(row({ role: "user", parts: [{ type: "text", text: "Hi" }], usage: [] }));
    expect(message).toEqual({
      id: "m2",
      role: "user",
      parts: [{ type: "text", text: "Hi" }],
      metadata: { createdAt: Date.parse("2026-11-22T10:00:00Z"), parentId: null },
    });
  });
});

describe("partsToStore", () => {
  it("stores parts cut off mid-stream as finished and drops empty ones", () => {
    const parts: ChatPart[] = [
      { type: "step-start" },
      { type: "reasoning", text: "", state: "streaming" },
      { type: "text", text: "Half an ans", state: "streaming" },
    ];
    expect(partsToStore(parts)).toEqual([{ type: "step-start" }, { type: "text", text: "Half an ans", state: "done" }]);
  });

  it("stores nothing for an answer that never started", () => {
    expect(partsToStore([{ type: "step-start" }])).toEqual([]);
    expect(partsToStore([{ type: "step-start" }, { type: "text", text: "", state: "streaming" }])).toEqual([]);
  });
});
