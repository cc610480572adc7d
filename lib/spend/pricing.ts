import type { TokenUsage } from "../shared/chat/message";
import type { MultiplierRule } from "../shared/spend/price-schema";

// What one upstream call costs: pure arithmetic, so that it can be tested to the micro-unit.
// Money is counted in micro-units (millionths of the currency unit), in integers; a price per
// 1M tokens times a token count is already in micro-units.

export interface PriceVersion {
  id: string;
  currency: string;
  /** Per 1M tokens. */
  input: number;
  output: number;
  /** Per 1M cached input tokens; null: cached tokens cost as much as input. */
  cachedInput: number | null;
}

/** The multiplier in force at `at`: the window it falls in (clock times at the rule's offset), else the base. */
export function multiplierAt(
  rule: Pick<MultiplierRule, "base" | "utcOffsetMinutes" | "windows"> | undefined,
  at: Date,
): number {
  if (!rule) return 1;
  const local = new Date(at.getTime() + rule.utcOffsetMinutes * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  for (const window of rule.windows) {
    const from = minutesOf(window.from);
    const to = minutesOf(window.to);
    // A window that ends before it starts runs past midnight (22:00-06:00).
    const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
    if (inside) return window.multiplier;
  }
  return rule.base;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return h * 60 + m;
}

/**
 * The cost of the tokens at the price, in micro-units: uncached input at the input price, cached
 * input at the cached price, and all output (thinking included, as the platforms bill it) at the
 * output price, times the multiplier. Rounded once, at the end.
 */
export function costMicros(
  usage: Pick<TokenUsage, "inputTokens" | "outputTokens" | "cachedInputTokens">,
  price: PriceVersion,
  multiplier = 1,
): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const micros =
    (usage.inputTokens - cached) * price.input +
    cached * (price.cachedInput ?? price.input) +
    usage.outputTokens * price.output;
  return Math.round(micros * multiplier);
}

/** A cost a platform reported in its own currency, in the team's: null when no rate is known. */
export function convertedMicros(
  amount: number,
  from: string,
  to: string,
  rates: Readonly<Record<string, number>>,
): number | null {
  const rate = from === to ? 1 : rates[from];
  if (rate === undefined || !Number.isFinite(amount) || amount < 0) return null;
  return Math.round(amount * rate * 1_000_000);
}

export interface CallCost {
  costMicros: number | null;
  currency: string | null;
  costSource: "price" | "platform" | null;
  priceId: string | null;
  multiplier: number;
}

/**
 * How a call is charged, always in the team's currency: what the platform reported when it
 * reports cost (and its currency can be converted), otherwise the price version in force times
 * the multiplier; unpriced if neither.
 */
export function chargeFor(
  usage: Pick<TokenUsage, "inputTokens" | "outputTokens" | "cachedInputTokens">,
  {
    price,
    rule,
    at,
    reported,
    currency,
    rates,
  }: {
    price: PriceVersion | undefined;
    rule: MultiplierRule | undefined;
    at: Date;
    /** The platform's own figure for the call (Runware's includeCost). */
    reported?: { amount: number; currency: string };
    /** The team's currency. */
    currency: string;
    rates: Readonly<Record<string, number>>;
  },
): CallCost {
  if (reported) {
    const micros = convertedMicros(reported.amount, reported.currency, currency, rates);
    if (micros !== null) {
      return { costMicros: micros, currency, costSource: "platform", priceId: null, multiplier: 1 };
    }
  }
  const unpriced: CallCost = { costMicros: null, currency: null, costSource: null, priceId: null, multiplier: 1 };
  if (!price) return unpriced;
  const multiplier = multiplierAt(rule, at);
  const micros = costMicros(usage, price, multiplier);
  // A price written before the team changed its currency counts only if it can be converted.
  const rate = price.currency === currency ? 1 : rates[price.currency];
  if (rate === undefined) return unpriced;
  return {
    costMicros: Math.round(micros * rate),
    currency,
    costSource: "price",
    priceId: price.id,
    multiplier,
  };
}
