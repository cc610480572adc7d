import { describe, expect, it } from "vitest";
import { currentTime } from "./current-time";

const run = (timezone: string) =>
  currentTime.execute?.({ timezone }, { toolCallId: "t", messages: [] }) as unknown as Promise<Record<string, string>>;

describe("current_time", () => {
  it("gives the time in the asked zone and in UTC", async () => {
    const before = Date.now();
    const result = await run("Asia/Shanghai");
    expect(result.timezone).toBe("Asia/Shanghai");
    expect(result.local).toMatch(/GMT\+8/);
    expect(Date.parse(result.utc)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("says what a valid zone looks like when given a wrong one", async () => {
    await expect(run("Mars/Olympus")).rejects.toThrow('"Mars/Olympus" is not an IANA time zone name');
  });
});
