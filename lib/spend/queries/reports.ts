import "server-only";
import { db, sql } from "../../db/client";
import { prismaDate } from "../../db/dates";

// The ledger read back: summed for the usage pages, page by page for the CSV export, and the
// running totals of a month.

type Row = Record<string, unknown>;

/** Which ledger rows a report counts: chat turns ("answer", "title"), API calls ("api") or all; one key's or any. */
export interface LedgerFilter {
  source: "all" | "chat" | "api";
  keyId: string | null;
}

/** The filter as SQL on the "Usage" columns (aliased by `u`), its values bound as :source and :keyId. */
const filterSql = (u: string) => `AND (:source = 'all' OR (:source = 'api') = (${u}"purpose" = 'api'))
  AND (:keyId IS NULL OR ${u}"apiKeyId" = :keyId)`;

/**
 * The ledger's figures between the instants (the end excluded), for one user or everyone: summed
 * per quarter hour, user, platform and model, for the ten dearest conversations, and per API key
 * (with its name, prefix and owner). Money counts only rows in the team's currency. Only the rows
 * the filter lets through count.
 */
export async function usageRows(
  range: { start: Date; end: Date; userId: string | null; currency: string },
  filter: LedgerFilter = { source: "all", keyId: null },
) {
  const who = range.userId ? 'AND "userId" = :userId' : "";
  const args = {
    ...range,
    start: prismaDate(range.start),
    end: prismaDate(range.end),
    source: filter.source,
    keyId: filter.keyId,
  };
  const figures = `SUM("totalTokens") AS "tokens", SUM("inputTokens") AS "inputTokens", SUM("outputTokens") AS "outputTokens",
      SUM(CASE WHEN "currency" = :currency THEN COALESCE("costMicros", 0) ELSE 0 END) AS "micros", COUNT(*) AS "calls",
      SUM("estimated") AS "estimated", SUM(CASE WHEN "costMicros" IS NULL THEN 1 ELSE 0 END) AS "unpriced"`;
  const [quarters, conversations, keys] = await sql().batch(
    [
      {
        // Quarter hours: every time zone's day starts on one (India +05:30, Nepal +05:45).
        sql: `SELECT substr("createdAt", 1, 14) || printf('%02d', CAST(substr("createdAt", 15, 2) AS INTEGER) / 15 * 15) AS "quarter",
            "userId", "platform", "requestedModel" AS "model", ${figures}
          FROM "Usage" WHERE "createdAt" >= :start AND "createdAt" < :end ${who} ${filterSql("")}
          GROUP BY 1, 2, 3, 4`,
        args,
      },
      {
        sql: `SELECT u."conversationId" AS "id", c."title" AS "title", ${figures}
          FROM "Usage" AS u JOIN "Conversation" AS c ON c."id" = u."conversationId"
          WHERE u."createdAt" >= :start AND u."createdAt" < :end ${who.replace('"userId"', 'u."userId"')} ${filterSql("u.")}
          GROUP BY u."conversationId" ORDER BY "micros" DESC, "tokens" DESC LIMIT 10`,
        args,
      },
      {
        sql: `SELECT u."apiKeyId" AS "id", k."name" AS "name", k."prefix" AS "prefix", k."revokedAt" AS "revokedAt",
            o."id" AS "ownerId", o."email" AS "ownerEmail", o."name" AS "ownerName", ${figures}
          FROM "Usage" AS u JOIN "ApiKey" AS k ON k."id" = u."apiKeyId" JOIN "User" AS o ON o."id" = k."userId"
          WHERE u."createdAt" >= :start AND u."createdAt" < :end ${who.replace('"userId"', 'u."userId"')} ${filterSql("u.")}
          GROUP BY u."apiKeyId" ORDER BY "micros" DESC, "tokens" DESC`,
        args,
      },
    ],
    "read",
  );
  return {
    quarters: quarters.rows as unknown as Row[],
    conversations: conversations.rows as unknown as Row[],
    keys: keys.rows as unknown as Row[],
  };
}

/** The users' emails and names. */
export function usersNamed(ids: string[]) {
  return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });
}

/** The running totals of the scopes for the month. */
export function spendTotals(period: string, scopes: string[]) {
  return db.spendTotal.findMany({ where: { period, scope: { in: scopes } } });
}

/**
 * One page of ledger rows between the instants with the user's email, oldest first, after the
 * given row (keyset pagination: a page costs the same however deep).
 */
export async function ledgerPage(
  range: { start: Date; end: Date },
  after: { createdAt: string; id: string } | null,
  limit: number,
  filter: LedgerFilter = { source: "all", keyId: null },
): Promise<Row[]> {
  const at = after?.createdAt ?? null;
  const page = await sql().execute({
    sql: `SELECT u."createdAt", us."email", u."userId", u."conversationId", u."messageId", u."purpose", u."platform",
        u."requestedModel", u."answeredModel", u."inputTokens", u."outputTokens", u."reasoningTokens",
        u."cachedInputTokens", u."totalTokens", u."estimated", u."costMicros", u."currency", u."costSource",
        u."multiplier", u."priceId", u."apiKeyId", u."id"
      FROM "Usage" AS u JOIN "User" AS us ON us."id" = u."userId"
      WHERE u."createdAt" >= :start AND u."createdAt" < :end
        AND (:at IS NULL OR u."createdAt" > :at OR (u."createdAt" = :at AND u."id" > :afterId)) ${filterSql("u.")}
      ORDER BY u."createdAt", u."id" LIMIT :limit`,
    args: {
      start: prismaDate(range.start),
      end: prismaDate(range.end),
      at,
      afterId: after?.id ?? null,
      limit,
      source: filter.source,
      keyId: filter.keyId,
    },
  });
  return page.rows as unknown as Row[];
}
