import "server-only";
import { randomUUID } from "node:crypto";
import type { InStatement } from "@libsql/client";
import { sql } from "../db/client";
import { prismaDate } from "../db/dates";
import type { Limits, UserLimits } from "./config";
import { periodOf } from "./period";

// Admission: before a request goes upstream, its worst case (prompt estimate + most output it
// may produce) is reserved against the user's and the team's monthly budgets, and counted
// against the user's rate limit; it is let through only if every limit still holds with it.
// One write transaction (a single libSQL batch, one round trip): the check and the reservation
// cannot be separated by another request, whichever instance serves it, so concurrent requests
// cannot overshoot a budget together. Settlement (lib/spend/ledger) replaces the reservation
// with what the request really cost.

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

export type Refusal =
  | { kind: "rate"; limit: number; retryAfterSeconds: number }
  | {
      kind: "budget";
      scope: "user" | "team";
      unit: "tokens" | "money";
      limit: number;
      balance: Balance;
      /** What this request could need (the worst case). */
      need: number;
    };

export type Admission = { admitted: true; reservation: Reservation } | { admitted: false; refusal: Refusal };

export const userScope = (userId: string) => `user:${userId}`;

/** A running-totals row (as libSQL or Prisma reads it) as a balance; a missing row is all zeros. */
export function balanceOfRow(row: Readonly<Record<string, unknown>> | undefined): Balance {
  return {
    tokens: Number(row?.tokens ?? 0),
    micros: Number(row?.costMicros ?? 0),
    reservedTokens: Number(row?.reservedTokens ?? 0),
    reservedMicros: Number(row?.reservedMicros ?? 0),
  };
}
export const TEAM_SCOPE = "team";

export async function admit({
  userId,
  limits,
  worstCase,
  timeZone,
  now = new Date(),
  countRequest = true,
}: {
  userId: string;
  limits: UserLimits;
  worstCase: { tokens: number; micros: number };
  timeZone: string;
  now?: Date;
  /** A new request (false for a further call of a request under way): counts against the rate limit. */
  countRequest?: boolean;
}): Promise<Admission> {
  const reservation: Reservation = {
    id: randomUUID(),
    userId,
    period: periodOf(now, timeZone),
    tokens: Math.max(0, Math.ceil(worstCase.tokens)),
    micros: Math.max(0, Math.ceil(worstCase.micros)),
  };
  const minute = Math.floor(now.getTime() / 60_000);
  const args = {
    id: reservation.id,
    userId,
    user: userScope(userId),
    team: TEAM_SCOPE,
    period: reservation.period,
    tokens: reservation.tokens,
    micros: reservation.micros,
    minute,
    rpm: countRequest ? limits.requestsPerMinute : null,
    userTokens: limits.user.tokens,
    userMicros: limits.user.micros,
    teamTokens: limits.team.tokens,
    teamMicros: limits.team.micros,
    at: prismaDate(now),
  };
  const fits = (
    scope: "user" | "team",
    column: "tokens" | "costMicros",
    reserved: string,
    need: string,
    limit: string,
  ) =>
    `(:${limit} IS NULL OR (SELECT "${column}" + "${reserved}" + :${need} <= :${limit} AND "${column}" + "${reserved}" < :${limit} FROM "SpendTotal" WHERE "scope" = :${scope} AND "period" = :period))`;
  const admitted = `EXISTS (SELECT 1 FROM "Reservation" WHERE "id" = :id)`;
  const statements: InStatement[] = [
    {
      sql: 'INSERT INTO "SpendTotal" ("scope", "period") VALUES (:user, :period), (:team, :period) ON CONFLICT DO NOTHING',
      args,
    },
    {
      sql: 'INSERT INTO "RateWindow" ("userId", "minute", "count") VALUES (:userId, :minute, 0) ON CONFLICT DO NOTHING',
      args,
    },
    {
      sql: `INSERT INTO "Reservation" ("id", "userId", "period", "tokens", "costMicros", "createdAt")
        SELECT :id, :userId, :period, :tokens, :micros, :at
        WHERE (:rpm IS NULL OR (SELECT "count" FROM "RateWindow" WHERE "userId" = :userId AND "minute" = :minute) < :rpm)
          AND ${fits("user", "tokens", "reservedTokens", "tokens", "userTokens")}
          AND ${fits("user", "costMicros", "reservedMicros", "micros", "userMicros")}
          AND ${fits("team", "tokens", "reservedTokens", "tokens", "teamTokens")}
          AND ${fits("team", "costMicros", "reservedMicros", "micros", "teamMicros")}`,
      args,
    },
    {
      sql: `UPDATE "SpendTotal" SET "reservedTokens" = "reservedTokens" + :tokens, "reservedMicros" = "reservedMicros" + :micros
        WHERE "period" = :period AND "scope" IN (:user, :team) AND ${admitted}`,
      args,
    },
    {
      sql: `UPDATE "RateWindow" SET "count" = "count" + 1 WHERE :count AND "userId" = :userId AND "minute" = :minute AND ${admitted}`,
      args: { ...args, count: countRequest ? 1 : 0 },
    },
    {
      sql: `SELECT ${admitted} AS "admitted",
        (SELECT "count" FROM "RateWindow" WHERE "userId" = :userId AND "minute" = :minute) AS "requests",
        "scope", "tokens", "costMicros", "reservedTokens", "reservedMicros"
        FROM "SpendTotal" WHERE "period" = :period AND "scope" IN (:user, :team)`,
      args,
    },
  ];
  const results = await sql().batch(statements, "write");
  const rows = results[results.length - 1].rows;
  if (Number(rows[0]?.admitted) === 1) return { admitted: true, reservation };

  const balanceOf = (scope: string) => balanceOfRow(rows.find((r) => r.scope === scope));
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
  const exceeded = (scope: "user" | "team", own: Limits): Refusal | undefined => {
    const balance = balanceOf(scope === "user" ? userScope(userId) : TEAM_SCOPE);
    const over = (used: number, held: number, need: number, limit: number) =>
      used + held + need > limit || used + held >= limit;
    if (own.tokens !== null && over(balance.tokens, balance.reservedTokens, reservation.tokens, own.tokens)) {
      return { kind: "budget", scope, unit: "tokens", limit: own.tokens, balance, need: reservation.tokens };
    }
    if (own.micros !== null && over(balance.micros, balance.reservedMicros, reservation.micros, own.micros)) {
      return { kind: "budget", scope, unit: "money", limit: own.micros, balance, need: reservation.micros };
    }
    return undefined;
  };
  const refusal = exceeded("user", limits.user) ??
    exceeded("team", limits.team) ?? {
      // Not reached: the last SELECT sees the state the INSERT was decided on.
      kind: "rate" as const,
      limit: limits.requestsPerMinute ?? 0,
      retryAfterSeconds: 1,
    };
  return { admitted: false, refusal };
}
