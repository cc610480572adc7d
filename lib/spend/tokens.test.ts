import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { countTokens, loadTokenizer, roughTokens } from "./tokens";

// Counts made after a stream is stopped or breaks (settlement, on the event loop): they must stay
// close to the tokenizer's and take linear time whatever the text.

describe("token counts", () => {
  it("count a long text in pieces as the tokenizer counts it whole, within a token per piece", async () => {
    await loadTokenizer();
    const { countTokens: whole } = await import("gpt-tokenizer/encoding/o200k_base");
    const english = "The tide rises twice a day, pulled by the moon and, less, by the sun.\n".repeat(300);
    const chinese = "潮汐每天涨落两次，主要由月球的引力造成。\n".repeat(300);
    for (const text of [english, chinese, `${english}${chinese}`]) {
      const pieces = Math.ceil(text.length / 500);
      expect(countTokens(text)).toBeGreaterThanOrEqual(whole(text));
      expect(countTokens(text)).toBeLessThanOrEqual(whole(text) + pieces);
    }
    // Emoji (surrogate pairs) are never cut in half.
    const emoji = "🌊".repeat(5_000);
    expect(countTokens(emoji)).toBeGreaterThanOrEqual(whole(emoji));
  });

  it("count a run without spaces in linear time (the tokenizer alone took minutes)", async () => {
    await loadTokenizer();
    expect(elapsedMs(() => countTokens("中".repeat(100_000)))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(elapsedMs(() => countTokens("a".repeat(300_000)))).toBeLessThan(HOSTILE_INPUT_MS);
  });

  it("count CJK characters as a token each before the tokenizer is loaded, linearly", () => {
    expect(roughTokens("潮汐 tides")).toBe(2 + 2);
    expect(elapsedMs(() => roughTokens("中a".repeat(500_000)))).toBeLessThan(HOSTILE_INPUT_MS);
  });
});
