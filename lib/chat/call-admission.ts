import "server-only";
import { liveBus } from "../generation/bus";
import { keys, LEASE_MS } from "../generation/generation";
import { appError } from "../i18n/app-error";
import type { CallEstimate, Grant, TurnBudget } from "../spend/turn-budget";

// Admission of a request's first upstream call, for a chat turn and an API call alike: the
// user's answers being written at once are limited (claimed first), then the budgets and the
// rate limit hold the call's prompt bound and output (lib/spend/turn-budget). A refusal holds
// nothing.

export async function admitCall(
  budget: TurnBudget,
  {
    userId,
    streamId,
    runningPerUser,
    estimate,
  }: {
    userId: string;
    /** The request's own id: its claim on the running-answers limit. */
    streamId: string;
    runningPerUser: number;
    estimate: CallEstimate;
  },
): Promise<Grant> {
  if (!(await liveBus().claim(keys.running(userId), streamId, runningPerUser, LEASE_MS))) {
    throw appError("rate_limited", "tooManyRunning", { most: runningPerUser });
  }
  try {
    return await budget.admitFirst(estimate);
  } catch (error) {
    await liveBus().unclaim(keys.running(userId), streamId);
    throw error;
  }
}

/**
 * Keeps the claim on the running-answers limit while a request that no generation carries (an
 * API call) runs: renewed as a generation renews its own (lib/generation). Returns the stop.
 */
export function renewRunning(userId: string, streamId: string, everyMs = LEASE_MS / 3): () => void {
  const timer = setInterval(() => {
    liveBus()
      .claim(keys.running(userId), streamId, Number.MAX_SAFE_INTEGER, LEASE_MS)
      .catch((error) => console.error("admission: could not renew a running claim", { streamId, error }));
  }, everyMs);
  return () => clearInterval(timer);
}

/** Gives back the claim on the running-answers limit (the reservations go with the ledger rows). */
export function releaseRunning(userId: string, streamId: string): Promise<unknown> {
  return liveBus().unclaim(keys.running(userId), streamId);
}

/** Gives back everything an admitted request holds, when it ends before it was sent. */
export async function releaseAdmitted(budget: TurnBudget, userId: string, streamId: string): Promise<void> {
  await Promise.allSettled([budget.releaseAll(), releaseRunning(userId, streamId)]);
}
