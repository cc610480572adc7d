import "server-only";
import type { AppError } from "../errors";
import { appError } from "../i18n/app-error";
import type { BudgetScope, Refusal } from "./admission";
import type { SpendConfig } from "./config";
import { dayOf, periodEnd } from "./period";

// What the user reads when a limit refuses a request: which limit, where it stands, when it
// resets, whom to ask. Amounts travel as numbers (money in whole currency units), so that each
// language formats them its own way; the code and details are for API clients.

const major = (micros: number) => Math.round(micros / 10) / 100_000;

/** Where the refusal happens: before the turn's first call (nothing sent), or before a further one. */
export type RefusalStage = "first" | "next";

export function refusalError(
  refusal: Refusal,
  config: SpendConfig,
  now: Date,
  { stage, candidates = 1 }: { stage: RefusalStage; candidates?: number },
): AppError {
  if (refusal.kind === "rate") {
    return appError(
      "rate_limited",
      "rateLimited",
      { limit: refusal.limit, seconds: refusal.retryAfterSeconds },
      { details: { limit: "requests_per_minute", retryAfterSeconds: refusal.retryAfterSeconds } },
    );
  }
  const { balance, unit, scope } = refusal;
  const used = unit === "tokens" ? balance.tokens : balance.micros;
  const held = unit === "tokens" ? balance.reservedTokens : balance.reservedMicros;
  const amount = (value: number) => (unit === "tokens" ? value : major(value));
  const common = {
    scope,
    unit,
    currency: config.currency,
    contact: contactOf(config),
    limit: amount(refusal.limit),
    stage,
  };
  const details = { limit: `${scope}_monthly_${unit}`, period: "month", resetsAt: periodEnd(now, config.timeZone) };
  if (scope === "key") {
    // The key's owner set the cap: no admin to ask, and one message whether it is used up or low.
    return appError(
      "budget_exceeded",
      "keyCapReached",
      {
        unit,
        currency: config.currency,
        limit: amount(refusal.limit),
        left: amount(Math.max(0, refusal.limit - used - held)),
        need: amount(refusal.need),
        inflight: held > 0 ? "yes" : "no",
        resets: dayOf(details.resetsAt, config.timeZone),
        timeZone: config.timeZone,
      },
      { details: { ...details, need: refusal.need } },
    );
  }
  if (used + held >= refusal.limit) {
    return appError(
      "budget_exceeded",
      "budgetUsedUp",
      {
        ...common,
        used: amount(used),
        inflight: held > 0 ? "yes" : "no",
        resets: dayOf(details.resetsAt, config.timeZone),
        timeZone: config.timeZone,
      },
      { details },
    );
  }
  // Something is left, but less than the prompt and a useful answer need (a call is capped to
  // what is left rather than refused, down to that minimum).
  return appError(
    "budget_exceeded",
    "budgetTooSmall",
    {
      ...common,
      need: amount(refusal.need),
      left: amount(refusal.limit - used - held),
      held: amount(held),
      inflight: held > 0 ? "yes" : "no",
      candidates: candidates > 1 ? "yes" : "no",
    },
    { details: { ...details, need: refusal.need } },
  );
}

/** A call under a money limit whose model has no price: nothing could bound what it spends. */
export function unpricedError(
  config: SpendConfig,
  { scope, platform, model, stage }: { scope: BudgetScope; platform: string; model: string; stage: RefusalStage },
): AppError {
  return appError(
    "budget_exceeded",
    "budgetUnpriced",
    { scope, platform, model, currency: config.currency, contact: contactOf(config), stage },
    { details: { limit: `${scope}_monthly_money`, unpriced: { platform, model } } },
  );
}

const contactOf = (config: SpendConfig) => config.contact?.trim() || "none";
