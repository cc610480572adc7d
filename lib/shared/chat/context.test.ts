import { describe, expect, it } from "vitest";
import { firstSentId, latestContext } from "./context";
import type { ChatMessage, ContextFigures } from "./message";

const message = (id: string, role: "user" | "assistant", context?: ContextFigures): ChatMessage => ({
  id,
  role,
  parts: [{ type: "text", text: id }],
  metadata: context ? { context } : {},
});

describe("the context shown", () => {
  const older = { omitted: 0, firstId: "u1", tokens: 1_000, window: 200_000 };
  const newer = { omitted: 4, firstId: "u3", tokens: 150_000, window: 200_000 };

  it("is the latest answer's on the branch", () => {
    const messages = [message("u1", "user"), message("a1", "assistant", older), message("u3", "user")];
    expect(latestContext(messages)).toEqual(older);
    expect(firstSentId(messages)).toBeUndefined();
    messages.push(message("a3", "assistant", newer));
    expect(latestContext(messages)).toEqual(newer);
    expect(firstSentId(messages)).toBe("u3");
  });

  it("is absent before any answer recorded one", () => {
    expect(latestContext([message("u1", "user"), message("a1", "assistant")])).toBeUndefined();
  });
});
