import "server-only";
import { serverCache } from "../server-cache";
import {
  DEFAULT_REQUESTS_PER_MINUTE,
  DEFAULT_RUNNING_PER_USER,
  exchangeRatesSchema,
  type MultiplierRule,
  multiplierRuleSchema,
} from "../shared/spend/price-schema";
import type { PriceVersion } from "./pricing";
import { findSpendSettings, multiplierRules, priceVersions, userBudgets } from "./queries/settings";

// Everything spend needs to know on a chat turn (the team's currency and time zone, budgets,
// rate limits, the prices in force, multipliers), read in one go and kept in memory: the tables
// are small and an admin's change must not cost every turn a query. Admin actions forget it.

export interface Limits {
  tokens: number | null;
  micros: number | null;
}

export interface SpendConfig {
  currency: string;
  rates: Record<string, number>;
  timeZone: string;
  contact: string | null;
  team: Limits;
  userDefault: Limits & { requestsPerMinute: number | null };
  /** Users with limits of their own; a null field falls back to the default. */
  users: ReadonlyMap<string, Limits & { requestsPerMinute: number | null }>;
  /** The price in force per "platform/model"; absent when none (or a removal is the latest version). */
  prices: ReadonlyMap<string, PriceVersion>;
  rules: ReadonlyMap<string, MultiplierRule>;
  /** Answers one user may have being written at once (lib/generation). */
  runningPerUser: number;
}

export interface UserLimits {
  user: Limits;
  team: Limits;
  /** The monthly cap of the API key a call is made with (lib/keys); null for a chat turn. */
  key: (Limits & { id: string }) | null;
  requestsPerMinute: number | null;
}

export const priceKey = (platform: string, model: string) => `${platform}/${model}`;

export function limitsOf(config: SpendConfig, userId: string): UserLimits {
  const own = config.users.get(userId);
  return {
    user: {
      tokens: own?.tokens ?? config.userDefault.tokens,
      micros: own?.micros ?? config.userDefault.micros,
    },
    team: config.team,
    key: null,
    requestsPerMinute: own?.requestsPerMinute ?? config.userDefault.requestsPerMinute,
  };
}

/** Whether a monthly budget applies (a call's output is then capped to what it may spend). */
export function hasBudget(limits: UserLimits): boolean {
  return (
    limits.user.tokens !== null ||
    limits.user.micros !== null ||
    limits.team.tokens !== null ||
    limits.team.micros !== null ||
    (limits.key !== null && (limits.key.tokens !== null || limits.key.micros !== null))
  );
}

/** Whether a request must be admitted against a limit at all (no limits: no write before it). */
export function hasLimits(limits: UserLimits): boolean {
  return hasBudget(limits) || limits.requestsPerMinute !== null;
}

const num = (value: bigint | number | null | undefined) => (value == null ? null : Number(value));

export async function loadSpendConfig(): Promise<SpendConfig> {
  const [settings, budgets, prices, rules] = await Promise.all([
    findSpendSettings(),
    userBudgets(),
    priceVersions(),
    multiplierRules(),
  ]);
  const current = new Map<string, PriceVersion>();
  const seen = new Set<string>();
  for (const price of prices) {
    const key = priceKey(price.platform, price.model);
    if (seen.has(key)) continue;
    seen.add(key);
    if (price.active) {
      current.set(key, {
        id: price.id,
        currency: price.currency,
        input: price.input,
        output: price.output,
        cachedInput: price.cachedInput,
      });
    }
  }
  const parsedRules = new Map<string, MultiplierRule>();
  for (const rule of rules) {
    const parsed = multiplierRuleSchema.safeParse({ ...rule, windows: rule.windows });
    if (parsed.success) parsedRules.set(rule.platform, parsed.data);
  }
  const rates = exchangeRatesSchema.safeParse(settings?.exchangeRates ?? {});
  return {
    currency: settings?.currency ?? "USD",
    rates: rates.success ? rates.data : {},
    timeZone: settings?.timeZone ?? "UTC",
    contact: settings?.budgetContact ?? null,
    team: { tokens: num(settings?.teamMonthlyTokens), micros: num(settings?.teamMonthlyMicros) },
    userDefault: {
      tokens: num(settings?.userMonthlyTokens),
      micros: num(settings?.userMonthlyMicros),
      // No settings, or a rate never set: the default; off only when an admin chose none.
      requestsPerMinute: settings?.requestRateOff ? null : (settings?.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE),
    },
    users: new Map(
      budgets.map((b) => [
        b.userId,
        { tokens: num(b.monthlyTokens), micros: num(b.monthlyMicros), requestsPerMinute: b.requestsPerMinute },
      ]),
    ),
    prices: current,
    rules: parsedRules,
    runningPerUser: settings?.runningPerUser ?? DEFAULT_RUNNING_PER_USER,
  };
}

// Admin actions forget it at once; other instances pick a change up within 10 s.
const cache = serverCache("spend-config", 10_000, loadSpendConfig);

export function spendConfig(): Promise<SpendConfig> {
  return cache.get();
}

/** After an admin changes prices, budgets or settings: the next turn reads them afresh. */
export function forgetSpendConfig(): void {
  cache.forget();
}
