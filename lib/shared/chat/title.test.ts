import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { cleanTitle, titleFrom } from "./title";

describe("titleFrom", () => {
  it("uses the first message on one line", () => {
    expect(titleFrom("  How do\n tides   work? ")).toBe("How do tides work?");
  });
  it("cuts a long message at a word", () => {
    const title = titleFrom("Please explain in detail how the moon and the sun together cause the tides we see");
    expect(title).toBe("Please explain in detail how the moon and the sun together…");
    expect(title.length).toBeLessThanOrEqual(61);
  });
  it("falls back for an empty message", () => {
    expect(titleFrom("   ")).toBe("New chat");
  });
  it("reads a long first message in linear time", () => {
    for (const text of [" \t\n".repeat(330_000), `${" ".repeat(1_000_000)}a`, "a ".repeat(500_000)]) {
      expect(elapsedMs(() => titleFrom(text))).toBeLessThan(HOSTILE_INPUT_MS);
    }
  });
});

describe("cleanTitle", () => {
  it("keeps the first line of the model's reply, without marks, quotes or punctuation at the end", () => {
    expect(cleanTitle("\n\nTitle: **Tides  and moons.**\nA second line")).toBe("Tides and moons");
    expect(cleanTitle("## “潮汐的成因”。")).toBe("潮汐的成因");
    expect(cleanTitle("Why is the sky blue?!  \t")).toBe("Why is the sky blue");
    expect(cleanTitle("x".repeat(100))).toHaveLength(60);
  });

  it("cleans a reply of punctuation that does not reach the end in linear time (the old pattern took seconds)", () => {
    for (const reply of [
      `Title${" .".repeat(500_000)}x`,
      `${"!".repeat(1_000_000)}a`,
      `${" ".repeat(1_000_000)}\u00a0a`,
    ]) {
      expect(elapsedMs(() => cleanTitle(reply))).toBeLessThan(HOSTILE_INPUT_MS);
    }
  });
});
