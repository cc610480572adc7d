import { describe, expect, it } from "vitest";
import { readQuotaCount, readQuotaMegabytes } from "./quota-input";

describe("storage quota form input", () => {
  it("reads counts: blank is the default, 0 allows none, anything else is refused", () => {
    expect(readQuotaCount("")).toBeNull();
    expect(readQuotaCount(" 10,000 ")).toBe(10_000);
    expect(readQuotaCount("0")).toBe(0);
    for (const text of ["-1", "1.5", "ten", "1e12"]) expect(readQuotaCount(text), text).toBe("invalid");
  });

  it("reads megabytes into bytes, at least 1 MB", () => {
    expect(readQuotaMegabytes("")).toBeNull();
    expect(readQuotaMegabytes("1,000")).toBe(1_000_000_000);
    expect(readQuotaMegabytes("2.5")).toBe(2_500_000);
    for (const text of ["0", "0.5", "-3", "lots"]) expect(readQuotaMegabytes(text), text).toBe("invalid");
  });
});
