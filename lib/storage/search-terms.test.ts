import { describe, expect, it } from "vitest";
import { MAX_SEARCH_CHARS, searchTerms } from "./search-terms";

describe("searchTerms", () => {
  it("makes one quoted FTS5 phrase of three characters or more, quotes doubled", () => {
    expect(searchTerms("  tides ")).toEqual({ kind: "index", match: '"tides"' });
    expect(searchTerms('say "hi"')).toEqual({ kind: "index", match: '"say ""hi"""' });
    expect(searchTerms("NEAR(a b) OR c*")).toEqual({ kind: "index", match: '"NEAR(a b) OR c*"' });
    expect(searchTerms("龙井茶")).toEqual({ kind: "index", match: '"龙井茶"' });
  });

  it("looks for one or two characters with LIKE, wildcards taken literally", () => {
    expect(searchTerms("绿茶")).toEqual({ kind: "scan", like: "%绿茶%" });
    expect(searchTerms("%")).toEqual({ kind: "scan", like: "%\\%%" });
    expect(searchTerms("_\\")).toEqual({ kind: "scan", like: "%\\_\\\\%" });
    // Characters, not UTF-16 units: two emoji are two characters.
    expect(searchTerms("😀😀")?.kind).toBe("scan");
    expect(searchTerms("😀😀😀")?.kind).toBe("index");
  });

  it("has nothing to look for in blanks, and cuts long text", () => {
    expect(searchTerms("")).toBeNull();
    expect(searchTerms(" \t\u0000 ")).toBeNull();
    expect(searchTerms("a\u0000b")).toEqual({ kind: "index", match: '"a b"' });
    const long = searchTerms("x".repeat(100_000));
    expect(long).toEqual({ kind: "index", match: `"${"x".repeat(MAX_SEARCH_CHARS)}"` });
  });
});
