import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps a path on this site", () => {
    expect(safeRedirect("/chat/abc?x=1")).toBe("/chat/abc?x=1");
  });

  it("sends anything else home", () => {
    for (const elsewhere of ["https://evil.test/", "//evil.test", "/\\evil.test", "chat", "", null, undefined, 3]) {
      expect(safeRedirect(elsewhere)).toBe("/");
    }
  });
});
