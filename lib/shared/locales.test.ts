import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locales";

describe("resolveLocale", () => {
  it("follows the browser: any Chinese gives Simplified Chinese, by preference order", () => {
    expect(resolveLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(resolveLocale(undefined, "zh-TW")).toBe("zh-CN");
    expect(resolveLocale(undefined, "en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "fr-FR, zh;q=0.5, en;q=0.3")).toBe("zh-CN");
    expect(resolveLocale(undefined, "en;q=0.2, zh;q=0.8")).toBe("zh-CN");
    expect(resolveLocale(undefined, "de")).toBe("en");
    expect(resolveLocale(undefined, null)).toBe("en");
  });

  it("keeps the user's own choice over the browser's", () => {
    expect(resolveLocale("en", "zh-CN")).toBe("en");
    expect(resolveLocale("zh-CN", "en")).toBe("zh-CN");
    expect(resolveLocale("klingon", "zh-CN")).toBe("zh-CN");
  });
});
