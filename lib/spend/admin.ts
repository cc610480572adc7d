import "server-only";
import type { MultiplierRule, PriceInput, SpendSettingsInput, UserLimitsInput } from "../shared/spend/price-schema";
import { forgetSpendConfig } from "./config";
import { isTimeZone } from "./period";
import {
  deleteMultiplierRule,
  deleteUserBudget,
  findUserEmail,
  insertPriceVersion,
  teamCurrency,
  upsertMultiplierRule,
  upsertSpendSettings,
  upsertUserBudget,
} from "./queries/settings";

// What an admin changes: prices (each change a new version), multipliers, the team's settings and
// budgets, a user's own limits. Every change reaches the next turn at once (on this server).

/** A new version of the price; earlier ledger rows keep the version they were charged at. */
export async function savePrice(input: PriceInput, adminId: string): Promise<void> {
  await insertPriceVersion({
    platform: input.platform,
    model: input.model,
    currency: await teamCurrency(),
    input: input.input,
    output: input.output,
    cachedInput: input.cachedInput,
    createdBy: adminId,
  });
  forgetSpendConfig();
}

/** Calls from now on are not priced (a version that removes the price). */
export async function removePrice(platform: string, model: string, adminId: string): Promise<void> {
  await insertPriceVersion({
    platform,
    model,
    currency: await teamCurrency(),
    input: 0,
    output: 0,
    active: false,
    createdBy: adminId,
  });
  forgetSpendConfig();
}

export async function saveMultiplierRule(rule: MultiplierRule): Promise<void> {
  await upsertMultiplierRule(rule);
  forgetSpendConfig();
}

export async function removeMultiplierRule(platform: string): Promise<void> {
  await deleteMultiplierRule(platform);
  forgetSpendConfig();
}

/** Changes the given settings; the others stay as they are. */
export async function saveSpendSettings(settings: Partial<SpendSettingsInput>): Promise<void> {
  if (settings.timeZone !== undefined && !isTimeZone(settings.timeZone)) {
    throw new Error(`Unknown time zone: ${settings.timeZone}`);
  }
  const big = (n: number | null | undefined) =>
    n === undefined ? undefined : n === null ? null : BigInt(Math.round(n));
  const data = {
    currency: settings.currency,
    exchangeRates: settings.exchangeRates,
    timeZone: settings.timeZone,
    teamMonthlyTokens: big(settings.teamMonthlyTokens),
    teamMonthlyMicros: big(settings.teamMonthlyMicros),
    userMonthlyTokens: big(settings.userMonthlyTokens),
    userMonthlyMicros: big(settings.userMonthlyMicros),
    requestsPerMinute: settings.requestsPerMinute,
    // A rate left blank is the admin's choice of none (until saved, the default applies).
    requestRateOff: settings.requestsPerMinute === undefined ? undefined : settings.requestsPerMinute === null,
    runningPerUser: settings.runningPerUser,
    budgetContact: settings.budgetContact,
  };
  await upsertSpendSettings(data);
  forgetSpendConfig();
}

/**
 * A user's own limits; all null: the team's defaults apply again. The user's email, or null when
 * there is no such user (nothing is saved).
 */
export async function saveUserLimits(userId: string, limits: UserLimitsInput): Promise<{ email: string } | null> {
  const user = await findUserEmail(userId);
  if (!user) return null;
  if (limits.monthlyTokens === null && limits.monthlyMicros === null && limits.requestsPerMinute === null) {
    await deleteUserBudget(userId);
  } else {
    const data = {
      monthlyTokens: limits.monthlyTokens === null ? null : BigInt(limits.monthlyTokens),
      monthlyMicros: limits.monthlyMicros === null ? null : BigInt(limits.monthlyMicros),
      requestsPerMinute: limits.requestsPerMinute,
    };
    await upsertUserBudget(userId, data);
  }
  forgetSpendConfig();
  return user;
}
