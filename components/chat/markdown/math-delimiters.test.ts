import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { hasMath, normalizeMathDelimiters } from "./math-delimiters";

describe("math delimiters", () => {
  it("turns \\( \\) and \\[ \\] into remark-math's dollars, but not inside code", () => {
    expect(normalizeMathDelimiters("Energy \\(E = mc^2\\) and\n\\[ a^2 + b^2 = c^2 \\]")).toBe(
      "Energy $$E = mc^2$$ and\n\n$$\na^2 + b^2 = c^2\n$$\n",
    );
    expect(normalizeMathDelimiters("see note \\[1\\]")).toBe("see note \\[1\\]");
    const code = "```latex\n\\(x\\)\n```\nand `\\[y\\]` and ~~~\n\\[x^2\\]\n~~~";
    expect(normalizeMathDelimiters(code)).toBe(code);
  });

  it("knows when a text has math, and that prices are not math", () => {
    expect(hasMath("$$x^2$$")).toBe(true);
    expect(hasMath("where $$x_1$$ is")).toBe(true);
    expect(hasMath("\\(x\\)")).toBe(true);
    expect(hasMath("It costs $5 and $6")).toBe(false);
    expect(hasMath("plain text")).toBe(false);
  });
});

describe("math delimiters on hostile text", () => {
  it.each([
    ["many \\[ without \\]", "\\[x^2 ".repeat(170_000)],
    ["many \\( without \\)", "\\(x ".repeat(250_000)],
    ["a \\] before many \\[", `\\]${"\\[a".repeat(330_000)}`],
    ["many backticks", "`a".repeat(500_000)],
    ["many fences", "```\n\\[x^2".repeat(100_000)],
  ])("converts a text with %s in linear time (the lazy patterns took seconds)", (_name, text) => {
    expect(elapsedMs(() => normalizeMathDelimiters(text))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(elapsedMs(() => hasMath(text))).toBeLessThan(HOSTILE_INPUT_MS);
  });
});
