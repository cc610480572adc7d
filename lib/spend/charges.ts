import type { TokenUsage } from "../chat/message";
import { priceKey, type SpendConfig } from "./config";
import { type CallCost, chargeFor } from "./pricing";

// Pricing with the team's configuration: what a call cost, what a request could cost at worst,
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

/** The most a request may cost: its prompt, and all the output it may produce, at today's price. */
export function worstCase(
  config: SpendConfig,
  {
    platform,
    model,
    promptTokens,
    outputTokens,
    at,
  }: { platform: string; model: string; promptTokens: number; outputTokens: number; at: Date },
): { tokens: number; micros: number } {
  const cost = chargeCall(config, {
    platform,
    model,
    usage: { inputTokens: promptTokens, outputTokens, cachedInputTokens: 0 },
    at,
  });
  return { tokens: promptTokens + outputTokens, micros: cost.costMicros ?? 0 };
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
