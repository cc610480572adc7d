import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { createServerMarkdown, fitsServerMarkdown, SERVER_MARKDOWN_LIMITS } from "./server-markdown";

const answer = [
  "## Tides",
  "",
  "The **moon** pulls the oceans; the *sun* adds to it. See [NOAA](https://oceanservice.noaa.gov/).",
  "",
  ...Array.from({ length: 20 }, (_, i) => `${i + 1}. Step ${i + 1}: \`high\` and low water`),
  "",
  "| body | pull |",
  "| --- | --- |",
  ...Array.from({ length: 20 }, (_, i) => `| body ${i} | ${i * 2} |`),
].join("\n");
const code = [
  "```python",
  ...Array.from({ length: 40 }, (_, i) => `${" ".repeat(4 * (i % 6))}tide_${i} = h(${i})`),
  "```",
];

describe("Markdown rendered by the server", () => {
  it("renders a usual answer (headings, lists, a table, code)", () => {
    const html = renderToStaticMarkup(createServerMarkdown()(answer));
    expect(html).toContain("<strong>moon</strong>");
    expect(html).toContain("<table>");
    // Code blocks are client components (they need the page's translations to render here).
    expect(createServerMarkdown()(`${answer}\n\n${code.join("\n")}`)).not.toBeNull();
  });

  it.each([
    ["setext headings", "a\n=\n".repeat(5_000)],
    ["short setext headings", "a\n=\n".repeat(1_000)],
    ["nested quotes and lists", ">* ".repeat(7_000)],
    ["short nested quotes and lists", ">* ".repeat(1_000)],
    ["nested emphasis", `${"*a **a ".repeat(3_000)}b${" a** a*".repeat(3_000)}`],
    ["mismatched emphasis", "*a_ ".repeat(5_000)],
    ["short mismatched emphasis", "*a_ ".repeat(1_000)],
    ["brackets", "a]".repeat(10_000)],
    ["email autolinks", "a@b.c ".repeat(3_000)],
    ["a long plain text", "word ".repeat(200_000)],
  ])("leaves %s to the browser, deciding in linear time (the server took seconds to render them)", (_name, text) => {
    expect(elapsedMs(() => fitsServerMarkdown(text))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(createServerMarkdown()(text)).toBeNull();
  });

  const { lines, marks } = SERVER_MARKDOWN_LIMITS;
  it.each([
    ["deeply nested lists", "- - - - a\n".repeat(lines)],
    ["numbered lists in lists", "1. 2. 3. 4. a\n".repeat(lines)],
    ["quotes and lists", "> - > - a\n".repeat(lines)],
    ["lists nested by indentation", Array.from({ length: 75 }, (_, i) => `${"  ".repeat(i)}- a\n`).join("")],
    ["short lines of markers", ">-\n".repeat(lines)],
    ["setext headings", "a\n=\n".repeat(lines / 2)],
    ["nested emphasis", "*a **a ".repeat(marks / 3)],
    ["web autolinks", "www.a.b ".repeat(750)],
  ])("renders the worst texts it accepts quickly: %s", (_name, text) => {
    expect(fitsServerMarkdown(text)).toBe(true);
    const render = createServerMarkdown(Number.POSITIVE_INFINITY);
    expect(elapsedMs(() => render(text))).toBeLessThan(HOSTILE_INPUT_MS);
  });

  it("stops rendering once the page has spent its budget, leaving the rest to the browser", () => {
    let clock = 0;
    const render = createServerMarkdown(50, () => {
      clock += 30; // each render takes 30 ms
      return clock;
    });
    expect(render("one")).not.toBeNull();
    expect(render("two")).not.toBeNull();
    expect(render("three")).toBeNull();
  });
});
