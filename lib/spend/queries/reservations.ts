import "server-only";
import type { InStatement } from "@libsql/client";
import { sql } from "../../db/client";
import type { Balance } from "../admission";

// Reservations and the running totals they are held against (lib/spend/admission says why one
// batch decides and reserves).

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
/** An API key's own cap (lib/keys). */
export const keyScope = (keyId: string) => `key:${keyId}`;

/** The figures the grant is computed from (lib/spend/admission#admit). */
export type ReserveArgs = {
  id: string;
  userId: string;
  user: string;
  team: string;
  /** The key's scope; the user's again when the call has no key (its limits are then null). */
  key: string;
  keyId: string | null;
  period: string;
  prompt: number;
  want: number;
  least: number;
  priced: number;
  promptMicros: number;
  outputMicros: number;
  margin: number;
  minute: number;
  rpm: number | null;
  userTokens: number | null;
  userMicros: number | null;
  teamTokens: number | null;
  teamMicros: number | null;
  keyTokens: number | null;
  keyMicros: number | null;
  at: string;
};

/**
 * One write transaction: counts the request (when it is a new one) and reserves the grant if
 * every limit allows the least output. Returns the totals' rows as the decision saw them, with
 * the reservation's figures (`heldTokens` null: refused) and the minute's request count.
 */
export async function reserve(args: ReserveArgs, countRequest: boolean) {
  // The output one limit allows (u: the user's running totals, t: the team's, k: the key's), as SQL.
  const tokensOut = (total: "u" | "t" | "k", limit: string) => {
    const left = `(:${limit} - ${total}."tokens" - ${total}."reservedTokens")`;
    return `CASE WHEN :${limit} IS NULL THEN :want ELSE
      CAST(MAX(${left} / 2.0, MIN(${left}, :prompt + :least)) - :prompt AS INTEGER) END`;
  };
  const moneyOut = (total: "u" | "t" | "k", limit: string) => {
    const left = `(:${limit} - ${total}."costMicros" - ${total}."reservedMicros")`;
    const share = `MAX(${left} / 2.0, MIN(${left}, :promptMicros + :least * :outputMicros + :margin))`;
    return `CASE WHEN :${limit} IS NULL THEN :want
      WHEN :outputMicros > 0 THEN CAST((${share} - :promptMicros - :margin) / :outputMicros AS INTEGER)
      WHEN ${share} - :promptMicros - :margin >= 0 THEN :want ELSE -1 END`;
  };
  const admitted = `EXISTS (SELECT 1 FROM "Reservation" WHERE "id" = :id)`;
  const statements: InStatement[] = [
    {
      sql: 'INSERT INTO "SpendTotal" ("scope", "period") VALUES (:user, :period), (:team, :period), (:key, :period) ON CONFLICT DO NOTHING',
      args,
    },
    {
      sql: 'INSERT INTO "RateWindow" ("userId", "minute", "count") VALUES (:userId, :minute, 0) ON CONFLICT DO NOTHING',
      args,
    },
    {
      // The grant: the least any limit allows, at most what was asked; nothing below the minimum.
      sql: `INSERT INTO "Reservation" ("id", "userId", "keyId", "period", "tokens", "costMicros", "createdAt")
        SELECT :id, :userId, :keyId, :period, :prompt + "grant",
          CASE WHEN :priced THEN CAST(:promptMicros + "grant" * :outputMicros + :margin - 1 AS INTEGER) + 1 ELSE 0 END, :at
        FROM (
          SELECT MIN(:want, ${tokensOut("u", "userTokens")}, ${moneyOut("u", "userMicros")},
            ${tokensOut("t", "teamTokens")}, ${moneyOut("t", "teamMicros")},
            ${tokensOut("k", "keyTokens")}, ${moneyOut("k", "keyMicros")}) AS "grant"
          FROM "SpendTotal" AS u, "SpendTotal" AS t, "SpendTotal" AS k
          WHERE u."scope" = :user AND u."period" = :period AND t."scope" = :team AND t."period" = :period
            AND k."scope" = :key AND k."period" = :period
        )
        WHERE "grant" >= :least
          AND (:rpm IS NULL OR (SELECT "count" FROM "RateWindow" WHERE "userId" = :userId AND "minute" = :minute) < :rpm)`,
      args,
    },
    {
      sql: `UPDATE "SpendTotal" SET
          "reservedTokens" = "reservedTokens" + (SELECT "tokens" FROM "Reservation" WHERE "id" = :id),
          "reservedMicros" = "reservedMicros" + (SELECT "costMicros" FROM "Reservation" WHERE "id" = :id)
        WHERE "period" = :period AND "scope" IN (:user, :team, :key) AND ${admitted}`,
      args,
    },
    {
      sql: `UPDATE "RateWindow" SET "count" = "count" + 1 WHERE :count AND "userId" = :userId AND "minute" = :minute AND ${admitted}`,
      args: { ...args, count: countRequest ? 1 : 0 },
    },
    {
      sql: `SELECT (SELECT "tokens" FROM "Reservation" WHERE "id" = :id) AS "heldTokens",
        (SELECT "costMicros" FROM "Reservation" WHERE "id" = :id) AS "heldMicros",
        (SELECT "count" FROM "RateWindow" WHERE "userId" = :userId AND "minute" = :minute) AS "requests",
        "scope", "tokens", "costMicros", "reservedTokens", "reservedMicros"
        FROM "SpendTotal" WHERE "period" = :period AND "scope" IN (:user, :team, :key)`,
      args,
    },
  ];
  const results = await sql().batch(statements, "write");
  return results[results.length - 1].rows;
}
