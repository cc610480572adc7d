import "server-only";
import { listConnections } from "../providers/connections";
import { MODELS, type ModelId } from "../shared/catalog/models";
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from "../shared/platforms";
import { multiplierRuleSchema } from "../shared/spend/price-schema";
import { spendConfig } from "./config";
import { periodOf } from "./period";
import { userScope } from "./queries/reservations";
import { multiplierRules, priceVersions, usersWithBudgets, userTotalsOf } from "./queries/settings";

// What the admin's prices and budgets pages show: read here, so that the pages stay thin.

export interface PriceVersionView {
  id: string;
  input: number;
  output: number;
  cachedInput: number | null;
  currency: string;
  active: boolean;
  effectiveFrom: Date;
}

/** Every connected platform (and any with prices) with its models, their price versions and its multiplier. */
export async function priceTable() {
  const [connections, prices, rules, config] = await Promise.all([
    listConnections(),
    priceVersions(),
    multiplierRules(),
    spendConfig(),
  ]);
  const shown = new Set<PlatformId>([
    ...connections.map((c) => c.platform.id),
    ...prices.flatMap((p) => (PLATFORM_IDS.includes(p.platform as PlatformId) ? [p.platform as PlatformId] : [])),
  ]);
  return {
    currency: config.currency,
    rates: config.rates,
    platforms: PLATFORM_IDS.filter((id) => shown.has(id)).map((id) => {
      const platform = PLATFORMS[id];
      const rule = rules.find((r) => r.platform === id);
      const parsedRule = rule && multiplierRuleSchema.safeParse({ ...rule, windows: rule.windows });
      return {
        id,
        label: platform.label,
        rule: parsedRule?.success ? parsedRule.data : null,
        models: (Object.keys(platform.models) as ModelId[]).map((model) => {
          const versions: PriceVersionView[] = prices.filter((p) => p.platform === id && p.model === model);
          const current = versions[0]?.active ? versions[0] : null;
          return { model, label: MODELS[model].label, current, versions };
        }),
      };
    }),
  };
}

/** The team's settings and every user with this month's spend and own limits. */
export async function budgetTable() {
  const config = await spendConfig();
  const period = periodOf(new Date(), config.timeZone);
  const [users, totals] = await Promise.all([usersWithBudgets(), userTotalsOf(period)]);
  const num = (v: bigint | null | undefined) => (v == null ? null : Number(v));
  return {
    config,
    users: users.map((u) => {
      const total = totals.find((t) => t.scope === userScope(u.id));
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        disabled: u.disabledAt !== null,
        tokens: Number(total?.tokens ?? 0),
        micros: Number(total?.costMicros ?? 0),
        own: {
          monthlyTokens: num(u.budget?.monthlyTokens),
          monthlyMicros: num(u.budget?.monthlyMicros),
          requestsPerMinute: u.budget?.requestsPerMinute ?? null,
        },
      };
    }),
  };
}
