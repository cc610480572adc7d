import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { AllowedUrls, MAX_LINKS_PER_PAGE } from "./allowed-urls";

describe("AllowedUrls: addresses the user wrote", () => {
  it("allows exactly what the user wrote, nothing the model made up", () => {
    const allowed = new AllowedUrls(["Summarise https://example.com/article?id=7, please."]);
    expect(allowed.resolve("https://example.com/article?id=7")).toBe("https://example.com/article?id=7");
    expect(allowed.resolve("https://evil.example/?d=secret")).toBeUndefined();
    expect(allowed.resolve("https://example.com/article?id=8")).toBeUndefined();
    expect(allowed.resolve("https://example.com/article?id=7&d=secret")).toBeUndefined();
    expect(allowed.resolve("https://example.com/article")).toBeUndefined();
  });

  it("refuses an allowed address with anything added, even what used to be trimmed as punctuation", () => {
    const allowed = new AllowedUrls(["read https://evil.example/a"]);
    expect(allowed.resolve("https://evil.example/a?.;!?).,:")).toBeUndefined();
    expect(allowed.resolve("https://evil.example/a.")).toBeUndefined();
    expect(allowed.resolve("https://evil.example/a)")).toBeUndefined();
    expect(allowed.resolve("https://evil.example/a?")).toBeUndefined();
    expect(allowed.resolve("https://evil.example/ab")).toBeUndefined();
  });

  it("leaves sentence punctuation after an address in text out of it", () => {
    const allowed = new AllowedUrls([
      "See https://x.example/a. Then (https://x.example/b) and https://x.example/c?q=1!",
      "[docs](https://x.example/d), https://x.example/wiki/Tide_(sea), 读一下https://x.example/e，谢谢",
    ]);
    for (const path of ["a", "b", "c?q=1", "d", "wiki/Tide_(sea)", "e"]) {
      expect(allowed.resolve(`https://x.example/${path}`), path).toBe(`https://x.example/${path}`);
    }
    expect(allowed.resolve("https://x.example/a.")).toBeUndefined();
    expect(allowed.resolve("https://x.example/wiki/Tide_(sea")).toBeUndefined();
  });

  it("tolerates a trailing slash and a fragment, and fetches the form that was allowed", () => {
    const allowed = new AllowedUrls(["https://docs.example.org/ and https://x.example/guide#install"]);
    expect(allowed.resolve("https://docs.example.org")).toBe("https://docs.example.org/");
    expect(allowed.resolve("https://docs.example.org/#top")).toBe("https://docs.example.org/");
    expect(allowed.resolve("https://x.example/guide/")).toBe("https://x.example/guide");
    expect(allowed.resolve("https://x.example/guide#other")).toBe("https://x.example/guide");
    expect(allowed.resolve("HTTPS://X.EXAMPLE/guide")).toBe("https://x.example/guide");
    expect(allowed.resolve("https://x.example/Guide")).toBeUndefined();
  });

  it("reads a message of punctuation after an address in linear time (the old pattern took 13 s for 60,000 characters)", () => {
    for (const text of [
      `http://a${"!".repeat(1_000_000)}a`,
      `http://a/${".,;:!?)".repeat(150_000)}a x`,
      `see http://a/${")".repeat(1_000_000)}`,
      "http://a ".repeat(110_000),
      Array.from({ length: 100_000 }, (_, i) => `http://[${i} `).join(""),
      "http://".repeat(150_000),
    ]) {
      expect(elapsedMs(() => new AllowedUrls([text]))).toBeLessThan(HOSTILE_INPUT_MS);
    }
  });
});

describe("AllowedUrls: links on a page that was read", () => {
  const page = "https://example.com/news/today";

  it("allows a link on the page's own origin, as the page wrote it; refuses other origins", () => {
    const allowed = new AllowedUrls([page]);
    allowed.addLinks(
      `<a href="/next">next</a> <A HREF = 'more?id=2&amp;x=1#c'>more</A> <a href="https://example.com/abs">a</a>
       <a href="https://other.example/x">x</a> <a href="//other.example/y">y</a> <a href="http://example.com/http">h</a>
       <a href="https://example.com:8443/port">p</a> <a href="javascript:alert(1)">j</a> <a href="\\\\other.example/z">z</a>`,
      page,
    );
    expect(allowed.resolve("https://example.com/next")).toBe("https://example.com/next");
    expect(allowed.resolve("https://example.com/news/more?id=2&x=1")).toBe("https://example.com/news/more?id=2&x=1");
    expect(allowed.resolve("https://example.com/abs")).toBe("https://example.com/abs");
    expect(allowed.resolve("https://other.example/x")).toBeUndefined();
    expect(allowed.resolve("https://other.example/y")).toBeUndefined();
    expect(allowed.resolve("https://other.example/z")).toBeUndefined();
    expect(allowed.resolve("http://example.com/http")).toBeUndefined();
    expect(allowed.resolve("https://example.com:8443/port")).toBeUndefined();
    // Exactly as written: nothing added to a link.
    expect(allowed.resolve("https://example.com/next?d=secret")).toBeUndefined();
  });

  it(`adds at most ${MAX_LINKS_PER_PAGE} links from one page`, () => {
    const allowed = new AllowedUrls();
    allowed.addLinks(
      Array.from({ length: MAX_LINKS_PER_PAGE + 50 }, (_, i) => `<a href="/p${i}">${i}</a>`).join(""),
      page,
    );
    expect(allowed.resolve(`https://example.com/p${MAX_LINKS_PER_PAGE - 1}`)).toBeDefined();
    expect(allowed.resolve(`https://example.com/p${MAX_LINKS_PER_PAGE}`)).toBeUndefined();
  });

  it("reads a hostile page full of long links in linear time (the old pattern took 5 s for 500 links)", () => {
    const long = "a".repeat(1_990);
    for (const html of [
      `<a href="/${long}">x</a>`.repeat(500),
      `<a href="/${")".repeat(1_990)}a">x</a>`.repeat(500),
      `<a href="https://other.example/${long}">x</a>`.repeat(500),
      `<a href="/${"a".repeat(5_000)}">x</a>`.repeat(200),
      `href="${"a".repeat(1_000_000)}`,
      `href=${" ".repeat(1_000_000)}`,
      "href='".repeat(170_000),
      `<a href="/${long}#${"#".repeat(5_000)}">x</a>`.repeat(150),
    ]) {
      const allowed = new AllowedUrls();
      expect(elapsedMs(() => allowed.addLinks(html, page))).toBeLessThan(HOSTILE_INPUT_MS);
    }
  });
});
