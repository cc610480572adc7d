import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { formatOffset, readCount, readOffset, readPrice, readRates, readWindows } from "./form-input";

describe("reading the spend forms", () => {
  it("reads BigModel's peak window and other ways of writing one", () => {
    expect(readWindows("14:00-18:00 = 3")).toEqual([{ from: "14:00", to: "18:00", multiplier: 3 }]);
    expect(readWindows(" 9:30 – 12:00 x1.5 \n\n22:00-06:00 = 0.5")).toEqual([
      { from: "09:30", to: "12:00", multiplier: 1.5 },
      { from: "22:00", to: "06:00", multiplier: 0.5 },
    ]);
    expect(readWindows("")).toEqual([]);
    expect(readWindows("2pm-6pm = 3")).toBe("invalid");
    expect(readWindows("25:00-26:00 = 3")).toBe("invalid");
    // Long lines are refused before the pattern, which was quadratic on a run of spaces.
    const hostile = `14:00-18:00${" ".repeat(100_000)}z\n`.repeat(10);
    expect(elapsedMs(() => readWindows(hostile))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(readWindows(hostile)).toBe("invalid");
  });

  it("reads UTC offsets and writes them back", () => {
    expect(readOffset("+08:00")).toBe(480);
    expect(readOffset("UTC+8")).toBe(480);
    expect(readOffset("-05:30")).toBe(-330);
    expect(readOffset("UTC")).toBe(0);
    expect(readOffset("+15:00")).toBe("invalid");
    expect(readOffset("Shanghai")).toBe("invalid");
    expect(formatOffset(480)).toBe("+08:00");
    expect(formatOffset(-330)).toBe("-05:30");
  });

  it("reads exchange rates, one per line", () => {
    expect(readRates("USD = 7.2\neur: 7.8")).toEqual({ USD: 7.2, EUR: 7.8 });
    expect(readRates("")).toEqual({});
    expect(readRates("USD 7.2")).toBe("invalid");
    expect(readRates("USD = 0")).toBe("invalid");
  });

  it("reads counts with separators, blank as no limit, and prices of at least zero", () => {
    expect(readCount("1,000,000")).toBe(1_000_000);
    expect(readCount("  ")).toBeNull();
    expect(readCount("0")).toBe("invalid");
    expect(readCount("2.5")).toBe("invalid");
    expect(readPrice("0.8")).toBe(0.8);
    expect(readPrice("0")).toBe(0);
    expect(readPrice("")).toBe("invalid");
    expect(readPrice("-1")).toBe("invalid");
  });
});
