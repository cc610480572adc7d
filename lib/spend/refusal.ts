import "server-only";
import type { AppError } from "../errors";
import { appError } from "../i18n/app-error";
import type { Refusal } from "./admission";
import type { SpendConfig } from "./config";
import { dayOf, periodEnd } from "./period";

// What the user reads when a limit refuses a request: which limit, where it stands, when it
// resets, whom to ask. Amounts travel as numbers (money in whole currency units), so that each
// language formats them its own way; the code and details are for API clients.

const major = (micros: number) => Math.round(micros / 10) / 100_000;

export function refusalError(refusal: Refusal, config: SpendConfig, now: Date, candidates: number): AppError {
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
    contact: config.contact?.trim() || "none",
    limit: amount(refusal.limit),
  };
  const details = { limit: `${scope}_monthly_${unit}`, period: "month", resetsAt: periodEnd(now, config.timeZone) };
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
  return appError(
    "budget_exceeded",
    "budgetTooSmall",
    {
      ...common,
      need: amount(refusal.need),
      left: amount(refusal.limit - used - held),
      candidates: candidates > 1 ? "yes" : "no",
    },
    { details },
  );
}
