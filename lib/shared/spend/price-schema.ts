import { z } from "zod";
import { modelIdSchema } from "../catalog/models";

// What an admin enters on the prices and budgets pages, and what the database holds as JSON:
// validated here, and the types of the spend code come from these schemas.

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "A three-letter currency code, e.g. USD or CNY");

/** Per 1M tokens; zero is a price (free), a blank cached price means "as input". */
const perMillion = z.number().finite().nonnegative().max(1_000_000);

export const priceInputSchema = z.object({
  platform: z.string().min(1),
  model: modelIdSchema,
  input: perMillion,
  output: perMillion,
  cachedInput: perMillion.nullable(),
});
export type PriceInput = z.infer<typeof priceInputSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time of day as HH:MM, e.g. 14:00");

export const multiplierWindowSchema = z
  .object({ from: clockTime, to: clockTime, multiplier: z.number().finite().nonnegative().max(100) })
  .refine((w) => w.from !== w.to, { message: "A window must not start and end at the same time" });
export type MultiplierWindow = z.infer<typeof multiplierWindowSchema>;

export const multiplierRuleSchema = z.object({
  platform: z.string().min(1),
  /** Outside the windows. */
  base: z.number().finite().nonnegative().max(100),
  /** Minutes east of UTC the windows' times are read in, e.g. 480 for UTC+8. */
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-12 * 60)
    .max(14 * 60),
  windows: z.array(multiplierWindowSchema).max(24),
});
export type MultiplierRule = z.infer<typeof multiplierRuleSchema>;

export const exchangeRatesSchema = z.record(currencySchema, z.number().finite().positive());

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Requests each user may start per minute until an admin sets another rate or none: enough for
 * anyone typing, tool loops and a few tabs, not for a script hammering the platform on the team's
 * account.
 */
export const DEFAULT_REQUESTS_PER_MINUTE = 20;

/**
 * Answers each user may have being written at once until an admin sets another number: a few
 * tabs or conversations thinking in parallel, not a script holding dozens of long generations.
 */
export const DEFAULT_RUNNING_PER_USER = 3;
/** The most an admin may allow. */
export const MAX_RUNNING_PER_USER = 1_000;

/** The team's spend settings; money in micro-units; null: no limit (for the request rate too, once saved). */
export const spendSettingsSchema = z.object({
  currency: currencySchema,
  exchangeRates: exchangeRatesSchema,
  timeZone: z.string().min(1).max(64),
  teamMonthlyTokens: count.nullable(),
  teamMonthlyMicros: count.nullable(),
  userMonthlyTokens: count.nullable(),
  userMonthlyMicros: count.nullable(),
  requestsPerMinute: z.number().int().positive().max(100_000).nullable(),
  runningPerUser: z.number().int().positive().max(MAX_RUNNING_PER_USER).nullable(),
  budgetContact: z.string().trim().max(200).nullable(),
});
export type SpendSettingsInput = z.infer<typeof spendSettingsSchema>;

/** A user's own limits; null: the team's default. */
export const userLimitsSchema = z.object({
  monthlyTokens: count.nullable(),
  monthlyMicros: count.nullable(),
  requestsPerMinute: z.number().int().positive().max(100_000).nullable(),
});
export type UserLimitsInput = z.infer<typeof userLimitsSchema>;
