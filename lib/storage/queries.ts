import "server-only";
import { db } from "../db/client";
import type { QuotaName } from "../shared/quotas";

// Storage's reads and the team's quota settings. The totals themselves are written only by the
// database triggers (prisma/migrations).

/**
 * The user's totals and the team's quotas in one row (always one, with zeros and defaults where
 * nothing is stored), for a read that happens anyway: the chat turn's (lib/chat/queries/turn).
 */
export const STORAGE_SQL = `SELECT t."bytes", t."conversations", t."shares", t."presets",
    s."userBytes", s."userConversations", s."userShares", s."userPresets"
  FROM (SELECT 1) LEFT JOIN "StorageTotal" AS t ON t."userId" = ? LEFT JOIN "StorageSettings" AS s ON s."id" = 'team'`;

/** A row of STORAGE_SQL, as the libSQL client returns it. */
export type StorageRow = Record<
  QuotaName | "userBytes" | "userConversations" | "userShares" | "userPresets",
  number | bigint | null
>;

export function findStorageTotal(userId: string) {
  return db.storageTotal.findUnique({ where: { userId } });
}

export function findStorageSettings() {
  return db.storageSettings.findUnique({ where: { id: "team" } });
}

/** Users whose totals reach any of the figures (at most 500), with their names. */
export function findTotalsAtLeast(least: Record<QuotaName, number>) {
  return db.storageTotal.findMany({
    where: {
      OR: [
        { bytes: { gte: BigInt(least.bytes) } },
        { conversations: { gte: least.conversations } },
        { shares: { gte: least.shares } },
        { presets: { gte: least.presets } },
      ],
    },
    include: { user: { select: { email: true, name: true } } },
    take: 500,
  });
}

/** What everyone stores together. */
export function teamStorageTotals() {
  return db.storageTotal.aggregate({ _sum: { bytes: true, conversations: true }, _count: true });
}

export interface QuotaSettingsInput {
  /** Null: the default. */
  userBytes: number | null;
  userConversations: number | null;
  userShares: number | null;
  userPresets: number | null;
}

export async function upsertStorageQuotas(input: QuotaSettingsInput): Promise<void> {
  const data = { ...input, userBytes: input.userBytes === null ? null : BigInt(input.userBytes) };
  await db.storageSettings.upsert({ where: { id: "team" }, create: data, update: data });
}
