import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/scripts/testing/timing";
import { cleanTitle } from "./auto-title";

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
