import "server-only";
import { randomUUID } from "node:crypto";
import { prismaDate } from "../db/dates";
import type { Limits, UserLimits } from "./config";
import { periodOf } from "./period";
import { balanceOfRow, keyScope, reserve, TEAM_SCOPE, userScope } from "./queries/reservations";

// Admission: before a call goes upstream, it is counted against the user's rate limit and given
// what it may spend of the user's and the team's monthly budgets: its prompt (a bound, see
// prompt-bound.ts) and as much output as it asked for, capped to a share of what is left. One
// write transaction (a single libSQL batch, one round trip) decides the grant and reserves it, so
// no other request, on any instance, can come between the check and the reservation, and
// concurrent requests cannot overshoot a budget together. Settlement (lib/spend/queries/ledger) replaces
// the reservation with what the call really cost.
//
// The grant, per limit that applies (user or team, tokens or money): of what is left after the
// month's spend and the other calls in flight, a call may take half, so that calls in parallel
// share it (the next one gets half of the rest), or all of it when half would not hold the
// prompt and a useful answer. Its output is what that share holds after the prompt (in money: at
// the output price, multiplier and exchange rate in force), never more than asked. A call is
// refused only when that is less than a useful minimum. A call through an API key with a monthly
// cap of its own (lib/keys) is held against that cap the same way, as a third scope.

/** The least output worth sending a call for, per answer (less when asked for less). */
export const LEAST_OUTPUT_TOKENS = 1_024;

export interface Reservation {
  id: string;
  userId: string;
  period: string;
  tokens: number;
  micros: number;
}

export interface Balance {
  /** Recorded this month. */
  tokens: number;
  micros: number;
  /** Held by requests in flight. */
  reservedTokens: number;
  reservedMicros: number;
}

/** What one call may cost at most, before its output is capped. */
export interface CallBound {
  /** The most tokens its prompt can be. */
  promptTokens: number;
  /** The output it asks for (all its answers), and the least worth sending it for. */
  outputTokens: number;
  leastOutputTokens: number;
  /**
   * Its prompt bound and one output token at the dearest price in force, and what rounding a cost
   * may add, in micro-units; null: no price (only a call no money limit applies to gets here).
   */
  price: { promptMicros: number; outputMicrosPerToken: number; roundingMicros: number } | null;
}

/** Whose budget: the user's, the team's, or the API key's own cap. */
export type BudgetScope = "user" | "team" | "key";

export type Refusal =
  | { kind: "rate"; limit: number; retryAfterSeconds: number }
  | {
      kind: "budget";
      scope: BudgetScope;
      unit: "tokens" | "money";
      limit: number;
      balance: Balance;
      /** What the call needs at least: its prompt and the least output. */
      need: number;
    };

export type Admission =
  | {
      admitted: true;
      reservation: Reservation;
      /** The output the call may produce (all its answers): at most what it asked for. */
      outputTokens: number;
    }
  | { admitted: false; refusal: Refusal };

export async function admit({
  userId,
  limits,
  call,
  timeZone,
  now = new Date(),
  countRequest = true,
}: {
  userId: string;
  limits: UserLimits;
  call: CallBound;
  timeZone: string;
  now?: Date;
  /** A new request (false for a further call of a request under way): counts against the rate limit. */
  countRequest?: boolean;
}): Promise<Admission> {
  const id = randomUUID();
  const period = periodOf(now, timeZone);
  const minute = Math.floor(now.getTime() / 60_000);
  const want = Math.max(0, Math.floor(call.outputTokens));
  const least = Math.max(1, Math.min(want, Math.floor(call.leastOutputTokens)));
  const args = {
    id,
    userId,
    user: userScope(userId),
    team: TEAM_SCOPE,
    // Without a key, the key's place in the SQL is the user's row again, under no limit.
    key: limits.key ? keyScope(limits.key.id) : userScope(userId),
    keyId: limits.key?.id ?? null,
    period,
    prompt: Math.max(0, Math.ceil(call.promptTokens)),
    want,
    least,
    priced: call.price ? 1 : 0,
    promptMicros: call.price?.promptMicros ?? 0,
    outputMicros: call.price?.outputMicrosPerToken ?? 0,
    // What rounding may add, and one more for the reservation's own rounding up.
    margin: (call.price?.roundingMicros ?? 0) + 1,
    minute,
    rpm: countRequest ? limits.requestsPerMinute : null,
    userTokens: limits.user.tokens,
    userMicros: limits.user.micros,
    teamTokens: limits.team.tokens,
    teamMicros: limits.team.micros,
    keyTokens: limits.key?.tokens ?? null,
    keyMicros: limits.key?.micros ?? null,
    at: prismaDate(now),
  };
  const rows = await reserve(args, countRequest);
  const held = rows[0]?.heldTokens;
  if (held !== null && held !== undefined) {
    const tokens = Number(held);
    return {
      admitted: true,
      reservation: { id, userId, period, tokens, micros: Number(rows[0]?.heldMicros ?? 0) },
      outputTokens: tokens - args.prompt,
    };
  }

  const requests = Number(rows[0]?.requests ?? 0);
  if (countRequest && limits.requestsPerMinute !== null && requests >= limits.requestsPerMinute) {
    return {
      admitted: false,
      refusal: {
        kind: "rate",
        limit: limits.requestsPerMinute,
        retryAfterSeconds: Math.max(1, Math.ceil(((minute + 1) * 60_000 - now.getTime()) / 1000)),
      },
    };
  }
  // Which limit refused it: the same rule as the SQL, on the state the SQL decided on.
  const balanceOf = (scope: string) => balanceOfRow(rows.find((r) => r.scope === scope));
  const need = {
    tokens: args.prompt + least,
    money: args.promptMicros + least * args.outputMicros + args.margin,
  };
  const scopes = { user: args.user, team: TEAM_SCOPE, key: args.key };
  const refused = (scope: BudgetScope, own: Limits | null): Refusal | undefined => {
    if (!own) return undefined;
    const balance = balanceOf(scopes[scope]);
    if (own.tokens !== null && own.tokens - balance.tokens - balance.reservedTokens < need.tokens) {
      return { kind: "budget", scope, unit: "tokens", limit: own.tokens, balance, need: need.tokens };
    }
    if (own.micros !== null && own.micros - balance.micros - balance.reservedMicros < need.money) {
      return { kind: "budget", scope, unit: "money", limit: own.micros, balance, need: Math.ceil(need.money) };
    }
    return undefined;
  };
  const refusal = refused("key", limits.key) ??
    refused("user", limits.user) ??
    refused("team", limits.team) ?? {
      // Not reached: the last SELECT sees the state the INSERT was decided on.
      kind: "rate" as const,
      limit: limits.requestsPerMinute ?? 0,
      retryAfterSeconds: 1,
    };
  return { admitted: false, refusal };
}
