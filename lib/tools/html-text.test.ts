import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { htmlToText } from "./html-text";

describe("htmlToText", () => {
  it("drops scripts, styles and comments, and decodes entities", () => {
    expect(
      htmlToText(
        "<html><head><title>A &amp; B</title><style>p{}</style></head><body><!-- x --><h1>Tides</h1><SCRIPT>evil()</SCRIPT><p>The moon&#39;s pull &lt;3</p></body></html>",
      ),
    ).toEqual({ title: "A & B", text: "Tides\nThe moon's pull <3" });
  });

  it("keeps its place in a page whose letters change length when lower-cased (İ)", () => {
    expect(htmlToText("<p>İstanbul İzmir</p><script>secret()</script><p>Ankara</p>").text).toBe(
      "İstanbul İzmir\nAnkara",
    );
  });

  it.each([
    ["many unclosed tags", "<".repeat(1_000_000)],
    ["many tags that start like dropped ones", "<s".repeat(500_000)],
    ["many unclosed scripts", "<script>".repeat(125_000)],
    ["an unclosed comment", `<!--${"a".repeat(1_000_000)}`],
    ["many unclosed comments", "<!--".repeat(250_000)],
    ["many line breaks", "<br".repeat(330_000)],
    ["many entities", "&amp;".repeat(200_000)],
    ["many blocks", "<p>a</p>\n".repeat(110_000)],
  ])("reads a page with %s in linear time (the quadratic version never finished)", (_name, page) => {
    expect(elapsedMs(() => htmlToText(page))).toBeLessThan(HOSTILE_INPUT_MS);
  });
});
