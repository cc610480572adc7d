import { describe, expect, it } from "vitest";
import { countTokens as simulatorTokens } from "../../../scripts/simulator/tokens";
import type { ChatMessage, ChatPart } from "../../shared/chat/message";
import { estimateTokens } from "./estimate";
import {
  applyChoice,
  choose,
  estimateMessage,
  fitContext,
  fixedTokens,
  LEFT_OUT,
  latestTurnStart,
  leastOutputRoom,
  measure,
  outputRoom,
} from "./fit";

const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");
const user = (id: string, text: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const answer = (id: string, text: string, extra: ChatPart[] = []): ChatMessage => ({
  id,
  role: "assistant",
  parts: [...extra, { type: "text", text }],
});
const thinking = (text: string): ChatPart => ({ type: "reasoning", text, state: "done" });
const toolResult = (output: string): ChatPart =>
  ({
    type: "tool-read_web_page",
    toolCallId: "c1",
    state: "output-available",
    input: { url: "https://example.com" },
    output,
  }) as ChatPart;

/** A conversation of `turns` question/answer pairs, each message `size` words, then a question. */
function conversation(turns: number, size: number, extra: ChatPart[] = []): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) out.push(user(`u${i}`, words(size)), answer(`a${i}`, words(size), extra));
  out.push(user("last", "And now?"));
  return out;
}

describe("estimateTokens", () => {
  it("errs high of a byte-level BPE on English, and counts every character outside ASCII", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("hello world")).toBe(4);
    expect(estimateTokens("2026-12-02")).toBe(6);
    expect(estimateTokens("中文字")).toBe(3);
    expect(estimateTokens("😀")).toBe(2);
    expect(estimateTokens("a    b")).toBe(3);
  });

  it("is never below the simulator's count", () => {
    for (const text of ["Hello, world! It's 5 o'clock.", words(500), "中文 и русский 😀 x_y", "  spaced\n\n\nout  "]) {
      expect(estimateTokens(text)).toBeGreaterThanOrEqual(simulatorTokens(text) - 1);
    }
  });

  it("is linear: a megabyte without spaces is counted at once", () => {
    const started = performance.now();
    expect(estimateTokens("x".repeat(1_000_000))).toBe(250_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("fitContext", () => {
  const fixed = fixedTokens("Be brief.", 0);

  it("sends everything that fits", () => {
    const messages = conversation(3, 10);
    const fit = fitContext({ messages, window: 10_000, output: 1_000, fixed });
    expect(fit).toMatchObject({ fits: true, omitted: 0, leaned: 0 });
    expect(fit.messages).toEqual(messages);
    const measured = measure(messages);
    expect(fit.tokens).toBe(fixed + measured.reduce((s, m) => s + m.full, 0));
  });

  it("leaves out the oldest turns first, starting at a user message, and always keeps the latest turn", () => {
    const messages = conversation(10, 100);
    const perMessage = measure(messages)[0].full;
    const room = perMessage * 5;
    const fit = fitContext({ messages, window: room + 1_000 + fixed, output: 1_000, fixed });
    expect(fit.fits).toBe(true);
    expect(fit.messages.at(-1)?.id).toBe("last");
    expect(fit.messages[0].role).toBe("user");
    // Four whole messages of the last two turns fit beside the question, not a fifth: that would
    // start at an answer.
    expect(fit.messages.map((m) => m.id)).toEqual(["u8", "a8", "u9", "a9", "last"]);
    expect(fit.omitted).toBe(16);
    expect(fit.tokens).toBeLessThanOrEqual(room + fixed);
  });

  it("trims tool results and old thinking before dropping any turn, oldest first", () => {
    const messages = conversation(4, 10, [thinking(words(300)), toolResult(words(1_000))]);
    const measured = measure(messages);
    const full = measured.reduce((s, m) => s + m.full, 0);
    // Room for everything but the first two answers' thinking and tool results.
    const saved = measured[1].full - measured[1].lean + (measured[3].full - measured[3].lean);
    const fit = fitContext({ messages, window: full - saved + fixed + 500, output: 500, fixed });
    expect(fit).toMatchObject({ fits: true, omitted: 0, leaned: 4 });
    const [first, , second] = [fit.messages[1], fit.messages[2], fit.messages[3]];
    expect(first.parts.some((p) => p.type === "reasoning")).toBe(false);
    expect(first.parts.find((p) => p.type === "tool-read_web_page")).toMatchObject({ output: LEFT_OUT });
    expect(second.parts.some((p) => p.type === "reasoning")).toBe(false);
    // Newer answers keep theirs.
    expect(fit.messages[5]).toEqual(messages[5]);
    expect(fit.messages[7]).toEqual(messages[7]);
  });

  it("gives the newest kept messages back their results once turns are dropped", () => {
    const messages = conversation(6, 300, [toolResult(words(400))]);
    const measured = measure(messages);
    // The last turn in full plus the one before it lean.
    const room = measured[12].full + measured[11].full + measured[10].full + measured[9].lean + measured[8].lean;
    const choice = choose(measured, room);
    expect(choice).toEqual({ start: 8, leanBefore: 10, tokens: room });
    const sent = applyChoice(messages, choice ?? { start: 0, leanBefore: 0, tokens: 0 });
    expect(sent[1].parts[0]).toMatchObject({ output: LEFT_OUT });
    expect(sent[3]).toEqual(messages[11]);
  });

  it("refuses when the latest turn alone does not fit, or the output leaves no room", () => {
    const messages = [...conversation(2, 10), user("huge", words(5_000))];
    messages.splice(4, 1);
    expect(fitContext({ messages, window: 4_000, output: 1_000, fixed })).toMatchObject({ fits: false, messages: [] });
    expect(fitContext({ messages: conversation(1, 1), window: 2_000, output: 2_000, fixed }).fits).toBe(false);
  });

  it("lets the conversation take the output's room down to the least it keeps, and says what is left", () => {
    const messages = conversation(4, 100);
    const total = measure(messages).reduce((s, m) => s + m.full, 0);
    const window = total + fixed + 300;
    // Asked for 1,000 tokens of output: without a floor below it, the oldest turns would go.
    expect(fitContext({ messages, window, output: 1_000, fixed }).omitted).toBeGreaterThan(0);
    const fit = fitContext({ messages, window, output: 1_000, least: 200, fixed });
    expect(fit).toMatchObject({ fits: true, omitted: 0, output: 300 });
    // Nothing taken: the output keeps all it asked for.
    expect(fitContext({ messages, window: window + 1_000, output: 1_000, least: 200, fixed }).output).toBe(1_000);
    // A latest turn that needs more than the floor leaves is still refused.
    expect(fitContext({ messages, window, output: 1_000, least: 301, fixed }).omitted).toBeGreaterThan(0);
    const huge = [user("huge", words(5_000))];
    const needs = measure(huge)[0].full + fixed;
    expect(fitContext({ messages: huge, window: needs + 100, output: 1_000, least: 100, fixed }).fits).toBe(true);
    expect(fitContext({ messages: huge, window: needs + 99, output: 1_000, least: 100, fixed }).fits).toBe(false);
  });

  it("keeps an answer that goes on after tool decisions with its question", () => {
    const messages = [...conversation(3, 200), answer("going-on", "", [toolResult(words(50))])];
    expect(latestTurnStart(measure(messages))).toBe(6);
    const room = measure(messages.slice(6)).reduce((s, m) => s + m.full, 0);
    const fit = fitContext({ messages, window: room + fixed + 10, output: 10, fixed });
    expect(fit.messages.map((m) => m.id)).toEqual(["last", "going-on"]);
    expect(fit.messages[1]).toEqual(messages[7]);
  });

  it("makes room for what a tool loop added, from the same estimates", () => {
    const messages = conversation(5, 100);
    const measured = measure(messages);
    const window = measured.reduce((s, m) => s + m.full, 0) + fixed + 100;
    expect(fitContext({ messages, measured, window, output: 100, fixed }).omitted).toBe(0);
    const later = fitContext({ messages, measured, window, output: 100, fixed, extra: measured[0].full * 2 });
    expect(later.omitted).toBe(2);
    expect(later.tokens).toBeLessThanOrEqual(window - 100);
  });

  it("is linear in the history: 20,000 messages fit in well under a second", () => {
    const messages = conversation(10_000, 50);
    const started = performance.now();
    const fit = fitContext({ messages, window: 200_000, output: 32_768, fixed });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fit.fits).toBe(true);
    expect(fit.omitted).toBeGreaterThan(15_000);
    expect(fit.tokens).toBeLessThanOrEqual(200_000 - 32_768);
    expect(fit.messages[0].role).toBe("user");
  });
});

describe("leastOutputRoom", () => {
  it("is an eighth of the window, or the whole room when that is smaller", () => {
    expect(leastOutputRoom(100_000, 200_000)).toBe(25_000);
    expect(leastOutputRoom(4_096, 128_000)).toBe(4_096);
  });
});

describe("outputRoom", () => {
  it("counts thinking apart up to a documented limit, within the output limit otherwise, at most half the window", () => {
    const glm5 = { contextWindow: 202_752, maxOutputTokens: 16_384, maxThinkingTokens: 32_768 };
    expect(outputRoom({ maxTokens: 16_384, thinking: 32_768 }, glm5)).toBe(49_152);
    const runware = { contextWindow: 200_000, maxOutputTokens: 131_072 };
    expect(outputRoom({ maxTokens: 8_192, thinking: 131_072 }, runware)).toBe(100_000);
    expect(outputRoom({ maxTokens: 8_192, thinking: 0 }, runware)).toBe(8_192);
    expect(outputRoom({ maxTokens: 32_768, thinking: 0 }, { contextWindow: 200_000, maxOutputTokens: 163_840 })).toBe(
      32_768,
    );
  });
});

describe("estimateMessage", () => {
  it("is measure()'s estimate of the message, whole and lean, for every kind of part", () => {
    const parts: ChatPart[] = [
      { type: "step-start" },
      thinking(words(40)),
      toolResult(words(300)),
      { type: "text", text: words(120), state: "done" },
    ];
    const [m] = measure([{ id: "a", role: "assistant", parts }]);
    expect(estimateMessage(parts)).toEqual({ tokens: m.full, leanTokens: m.lean });
    expect(m.lean).toBeLessThan(m.full);
    const [q] = measure([user("q", "Why is the sea salty?")]);
    expect(estimateMessage(user("q", "Why is the sea salty?").parts)).toEqual({ tokens: q.full, leanTokens: q.full });
  });

  it("estimates a call decided but never run as a later turn sends it (settled)", () => {
    const decided = {
      type: "tool-read_web_page",
      toolCallId: "c1",
      state: "approval-responded",
      input: { url: "https://example.com" },
      approval: { id: "p1", approved: true },
    } as ChatPart;
    const settled = {
      ...decided,
      state: "output-error",
      errorText: "The answer was stopped before this tool ran.",
    } as ChatPart;
    const [m] = measure([{ id: "a", role: "assistant", parts: [settled] }]);
    expect(estimateMessage([decided])).toEqual({ tokens: m.full, leanTokens: m.lean });
  });

  it("has none for a message a turn would not send (no parts)", () => {
    expect(estimateMessage([])).toBeNull();
    expect(estimateMessage(null)).toBeNull();
  });
});
