import { describe, expect, it } from "vitest";
import { AllowedUrls } from "./allowed-urls";

describe("AllowedUrls", () => {
  it("allows what the user wrote and what a read page links to, nothing the model made up", () => {
    const allowed = new AllowedUrls([
      "Summarise https://example.com/article?id=7, please.",
      "also (https://docs.example.org/)",
    ]);
    expect(allowed.has("https://example.com/article?id=7")).toBe(true);
    expect(allowed.has("https://docs.example.org")).toBe(true);
    expect(allowed.has("https://example.com/article?id=7#intro")).toBe(true);
    expect(allowed.has("https://evil.example/?d=secret")).toBe(false);
    expect(allowed.has("https://example.com/article?id=8")).toBe(false);

    allowed.addLinks('<a href="/next">next</a> <a href="https://other.example/x">x</a>', "https://example.com/article");
    expect(allowed.has("https://example.com/next")).toBe(true);
    expect(allowed.has("https://other.example/x")).toBe(true);
  });
});
