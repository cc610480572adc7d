import { describe, expect, it } from "vitest";
import { dayOf, periodEnd, periodOf, periodStart } from "./period";

describe("monthly periods", () => {
  it("counts a month by the team's clock", () => {
    // 1 December 00:30 in Shanghai is still 30 November in UTC.
    const at = new Date("2026-11-30T16:30:00Z");
    expect(periodOf(at, "Asia/Shanghai")).toBe("2026-12");
    expect(periodOf(at, "UTC")).toBe("2026-11");
    expect(dayOf(at, "Asia/Shanghai")).toBe("2026-12-01");
  });

  it("knows when a month starts and ends in the zone, across the year and DST", () => {
    expect(periodEnd(new Date("2026-12-15T00:00:00Z"), "UTC")).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(periodEnd(new Date("2026-11-22T00:00:00Z"), "Asia/Shanghai")).toEqual(new Date("2026-11-30T16:00:00Z"));
    expect(periodStart(new Date("2026-11-22T00:00:00Z"), "Asia/Shanghai")).toEqual(new Date("2026-10-31T16:00:00Z"));
    // New York: November starts in summer time (UTC-4), December in winter time (UTC-5).
    expect(periodStart(new Date("2026-11-22T00:00:00Z"), "America/New_York")).toEqual(new Date("2026-11-01T04:00:00Z"));
    expect(periodEnd(new Date("2026-11-22T00:00:00Z"), "America/New_York")).toEqual(new Date("2026-12-01T05:00:00Z"));
  });
});
