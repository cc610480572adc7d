import type { TokenUsage } from "../shared/chat/message";
import { priceKey, type SpendConfig } from "./config";
import { type CallCost, chargeFor, multiplierAt } from "./pricing";

// Pricing with the team's configuration: what a call cost, what its tokens may cost at most,
// and how one call's cost is shared among the answers it returned.

export interface PricedCall {
  platform: string;
  /** The catalog model that answered (its price applies, a fallback's included). */
  model: string;
  usage: Pick<TokenUsage, "inputTokens" | "outputTokens" | "cachedInputTokens">;
  at: Date;
  /** What the platform reported, with the currency it reports in. */
  reported?: { amount: number; currency: string };
}

export function chargeCall(config: SpendConfig, call: PricedCall): CallCost {
  return chargeFor(call.usage, {
    price: config.prices.get(priceKey(call.platform, call.model)),
    rule: config.rules.get(call.platform),
    at: call.at,
    reported: call.reported,
    currency: config.currency,
    rates: config.rates,
  });
}

/**
 * What a prompt token and an output token may cost at most, in micro-units of the team's
 * currency, over the models a call may be answered by (the dearest of each), at the multiplier in
 * force at `at`; null when one of them has no price the team's currency can count (a platform
 * that reports its own cost, as Runware does, is bounded by the admin's price too).
 */
export function tokenPrices(
  config: SpendConfig,
  { platform, models, at }: { platform: string; models: readonly string[]; at: Date },
): { promptMicros: number; outputMicros: number; roundingMicros: number } | null {
  const multiplier = multiplierAt(config.rules.get(platform), at);
  let promptMicros = 0;
  let outputMicros = 0;
  // A cost is rounded to the micro before it is converted, and again after (chargeFor).
  let roundingMicros = 1;
  for (const model of models) {
    const price = config.prices.get(priceKey(platform, model));
    const rate = price && (price.currency === config.currency ? 1 : config.rates[price.currency]);
    if (!price || rate === undefined) return null;
    promptMicros = Math.max(promptMicros, Math.max(price.input, price.cachedInput ?? 0) * multiplier * rate);
    outputMicros = Math.max(outputMicros, price.output * multiplier * rate);
    roundingMicros = Math.max(roundingMicros, Math.ceil(rate / 2 + 0.5));
  }
  return { promptMicros, outputMicros, roundingMicros };
}

/**
 * One call's cost split among the answers it returned (several at once), in proportion to their
 * tokens; the first takes the remainder, so that the parts add up to the whole exactly.
 */
export function splitCost(cost: CallCost, shares: Pick<TokenUsage, "totalTokens">[]): CallCost[] {
  if (cost.costMicros === null) return shares.map(() => cost);
  const total = shares.reduce((sum, s) => sum + s.totalTokens, 0);
  const parts = shares.map((s, i) =>
    total === 0
      ? i === 0
        ? (cost.costMicros as number)
        : 0
      : Math.floor(((cost.costMicros as number) * s.totalTokens) / total),
  );
  parts[0] += cost.costMicros - parts.reduce((a, b) => a + b, 0);
  return parts.map((costMicros) => ({ ...cost, costMicros }));
}
