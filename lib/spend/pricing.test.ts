import { describe, expect, it } from "vitest";
import type { MultiplierRule } from "../shared/spend/price-schema";
import { chargeFor, convertedMicros, costMicros, multiplierAt, type PriceVersion } from "./pricing";

// Prices are per 1M tokens; costs are integer micro-units, so a price times a token count is
// already the cost: 1,000 tokens at 2.5 per 1M is 2,500 micro-units (0.0025).

const price: PriceVersion = { id: "p1", currency: "CNY", input: 4, output: 16, cachedInput: 1 };
const usage = (inputTokens: number, outputTokens: number, cachedInputTokens = 0) => ({
  inputTokens,
  outputTokens,
  cachedInputTokens,
});

/** BigModel's quota rule for GLM-5.1 (seed 002): 3x from 14:00 to 18:00 UTC+8, 2x otherwise. */
const bigmodel: MultiplierRule = {
  platform: "bigmodel",
  base: 2,
  utcOffsetMinutes: 480,
  windows: [{ from: "14:00", to: "18:00", multiplier: 3 }],
};

describe("costMicros", () => {
  it("charges uncached input, cached input and output (thinking included) at their own prices", () => {
    // 1,000 input of which 400 cached, 500 output: 600×4 + 400×1 + 500×16.
    expect(costMicros(usage(1000, 500, 400), price)).toBe(2400 + 400 + 8000);
  });

  it("charges cached tokens as input when the price has no cached rate", () => {
    expect(costMicros(usage(1000, 0, 400), { ...price, cachedInput: null })).toBe(4000);
  });

  it("never charges more cached tokens than input tokens", () => {
    expect(costMicros(usage(100, 0, 500), price)).toBe(100);
  });

  it("rounds once, after the multiplier, to whole micro-units", () => {
    const cheap: PriceVersion = { ...price, input: 0.35, output: 0.35, cachedInput: null };
    // 1 token × 0.35 × 10 = 3.5 → 4; rounding before the multiplier would give 0 × 10.
    expect(costMicros(usage(1, 0), cheap, 10)).toBe(4);
    // 21 tokens × 0.35 × 3 = 22.05 → 22; rounding before it would give 7 × 3 = 21.
    expect(costMicros(usage(21, 0), cheap, 3)).toBe(22);
  });
});

describe("multiplierAt", () => {
  it("applies BigModel's peak window by the clock in UTC+8", () => {
    // 14:00 in UTC+8 is 06:00 UTC.
    expect(multiplierAt(bigmodel, new Date("2026-11-22T05:59:59Z"))).toBe(2);
    expect(multiplierAt(bigmodel, new Date("2026-11-22T06:00:00Z"))).toBe(3);
    expect(multiplierAt(bigmodel, new Date("2026-11-22T09:59:59Z"))).toBe(3);
    expect(multiplierAt(bigmodel, new Date("2026-11-22T10:00:00Z"))).toBe(2);
  });

  it("reads a window that ends before it starts as running past midnight", () => {
    const night: MultiplierRule = {
      ...bigmodel,
      base: 1,
      utcOffsetMinutes: 0,
      windows: [{ from: "22:00", to: "06:00", multiplier: 0.5 }],
    };
    expect(multiplierAt(night, new Date("2026-11-22T23:30:00Z"))).toBe(0.5);
    expect(multiplierAt(night, new Date("2026-11-22T05:59:00Z"))).toBe(0.5);
    expect(multiplierAt(night, new Date("2026-11-22T06:00:00Z"))).toBe(1);
  });

  it("is 1 without a rule", () => {
    expect(multiplierAt(undefined, new Date())).toBe(1);
  });
});

describe("chargeFor", () => {
  const at = new Date("2026-11-22T07:00:00Z"); // 15:00 in UTC+8: peak
  const base = { rule: bigmodel, at, currency: "CNY", rates: { USD: 7.2 } };

  it("charges the price in force times the multiplier at the time of the call, and says which", () => {
    expect(chargeFor(usage(1000, 500), { ...base, price })).toEqual({
      costMicros: (1000 * 4 + 500 * 16) * 3,
      currency: "CNY",
      costSource: "price",
      priceId: "p1",
      multiplier: 3,
    });
  });

  it("records what the platform reported instead, converted to the team's currency", () => {
    const charged = chargeFor(usage(1000, 500), { ...base, price, reported: { amount: 0.0123, currency: "USD" } });
    expect(charged).toEqual({
      costMicros: 88_560,
      currency: "CNY",
      costSource: "platform",
      priceId: null,
      multiplier: 1,
    });
  });

  it("falls back to the price when the platform's currency has no exchange rate", () => {
    const charged = chargeFor(usage(10, 10), {
      ...base,
      rates: {},
      price,
      reported: { amount: 0.01, currency: "USD" },
    });
    expect(charged.costSource).toBe("price");
  });

  it("leaves a call unpriced when there is no price, or its currency cannot be converted", () => {
    expect(chargeFor(usage(10, 10), { ...base, price: undefined }).costMicros).toBeNull();
    expect(chargeFor(usage(10, 10), { ...base, price: { ...price, currency: "EUR" } }).costMicros).toBeNull();
  });

  it("converts a price written in another currency when a rate is known", () => {
    const usd: PriceVersion = { ...price, currency: "USD", input: 1, output: 1, cachedInput: null };
    expect(chargeFor(usage(1000, 0), { ...base, rule: undefined, price: usd }).costMicros).toBe(7200);
  });
});

describe("convertedMicros", () => {
  it("converts whole units to micro-units at the rate", () => {
    expect(convertedMicros(1.5, "USD", "USD", {})).toBe(1_500_000);
    expect(convertedMicros(1, "USD", "CNY", { USD: 7.25 })).toBe(7_250_000);
    expect(convertedMicros(1, "USD", "CNY", {})).toBeNull();
  });
});
