import { describe, expect, it } from "vitest";
import { appError, localized } from "./app-error";

describe("errors the user sees", () => {
  it("are created in English and worded in the user's language where they leave the server", () => {
    const error = appError("upstream_rate_limited", "upstream.rateLimit", { platform: "Zhipu BigModel" });
    expect(error.message).toBe("Zhipu BigModel is rate-limiting requests right now. Wait a moment and try again.");
    const zh = localized(error, "zh-CN");
    expect(zh.message).toBe("Zhipu BigModel 当前正在限流，请稍候再试。");
    // The code and status stay the same for API clients.
    expect([zh.code, zh.status]).toEqual(["upstream_rate_limited", 429]);
    expect(localized(error, "en")).toBe(error);
  });
});
