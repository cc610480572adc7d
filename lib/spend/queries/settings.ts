import "server-only";
import { db } from "../../db/client";
import type { MultiplierRule } from "../../shared/spend/price-schema";

// What an admin sets for spending: the team's settings (one row), users' own limits, price
// versions (never changed: a change is a new version) and each platform's multiplier rule.

export function findSpendSettings() {
  return db.spendSettings.findUnique({ where: { id: "team" } });
}

export async function teamCurrency(): Promise<string> {
  const settings = await db.spendSettings.findUnique({ where: { id: "team" }, select: { currency: true } });
  return settings?.currency ?? "USD";
}

export function upsertSpendSettings(data: Omit<Parameters<typeof db.spendSettings.create>[0]["data"], "id">) {
  return db.spendSettings.upsert({ where: { id: "team" }, create: { id: "team", ...data }, update: data });
}

export function userBudgets() {
  return db.userBudget.findMany();
}

/** Every user (by email) with their own limits, for the budgets page. */
export function usersWithBudgets() {
  return db.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, disabledAt: true, budget: true },
  });
}

/** The month's running totals of every user. */
export function userTotalsOf(period: string) {
  return db.spendTotal.findMany({ where: { period, scope: { startsWith: "user:" } } });
}

export function findUserEmail(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { email: true } });
}

export function upsertUserBudget(
  userId: string,
  data: { monthlyTokens: bigint | null; monthlyMicros: bigint | null; requestsPerMinute: number | null },
) {
  return db.userBudget.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

export function deleteUserBudget(userId: string) {
  return db.userBudget.deleteMany({ where: { userId } });
}

/** Every price version, newest first (the first of a platform and model is the one in force). */
export function priceVersions() {
  return db.price.findMany({ orderBy: { effectiveFrom: "desc" } });
}

export function insertPriceVersion(data: {
  platform: string;
  model: string;
  currency: string;
  input: number;
  output: number;
  cachedInput?: number | null;
  active?: boolean;
  createdBy: string;
}) {
  return db.price.create({ data });
}

export function multiplierRules() {
  return db.priceMultiplier.findMany();
}

export function upsertMultiplierRule(rule: MultiplierRule) {
  const data = { base: rule.base, utcOffsetMinutes: rule.utcOffsetMinutes, windows: rule.windows };
  return db.priceMultiplier.upsert({
    where: { platform: rule.platform },
    create: { platform: rule.platform, ...data },
    update: data,
  });
}

export function deleteMultiplierRule(platform: string) {
  return db.priceMultiplier.deleteMany({ where: { platform } });
}
