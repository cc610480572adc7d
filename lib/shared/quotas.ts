// Per-user storage quotas: what one person may keep. The totals are kept by SQLite triggers
// (migration 20261202130000_storage_quotas_and_search); this module decides what they allow.
// Pure, so that the rules are tested on their own.

/**
 * The defaults, each far above what one person of a team stores by using the app (so that nobody
 * meets them by accident) and low enough that a script cannot fill the disk:
 * - bytes: 1 GB. A heavy user (100 turns a working day, ~20 KB per turn with thinking and tool
 *   results) stores ~500 MB a year; a typical one a few tens of MB. The disk of a 50-person
 *   team stays bounded at 50 GB.
 * - conversations: 10,000 (ten new chats every working day for four years).
 * - shares: 500 links that still work (revoked ones do not count).
 * - presets: 200 (the picker is a list; a person keeps a handful).
 */
export const DEFAULT_QUOTAS = {
  bytes: 1_000_000_000,
  conversations: 10_000,
  shares: 500,
  presets: 200,
} as const;

export const QUOTA_NAMES = ["bytes", "conversations", "shares", "presets"] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];
export type Quotas = Record<QuotaName, number>;
/** What a user stores now, in the quotas' units. */
export type StorageUse = Record<QuotaName, number>;
/** What a write would add (bytes, or one more conversation, link or preset). */
export type StorageNeed = Partial<Record<QuotaName, number>>;

/** A user at or past this share of any quota shows on the admin's storage page. */
export const NEAR_QUOTA = 0.8;

/** The team's quotas row (StorageSettings) with the defaults where it has none. */
export function quotasOf(
  row:
    | {
        userBytes: bigint | number | null;
        userConversations: number | null;
        userShares: number | null;
        userPresets: number | null;
      }
    | null
    | undefined,
): Quotas {
  const set = (value: bigint | number | null | undefined, fallback: number) =>
    value == null ? fallback : Number(value);
  return {
    bytes: set(row?.userBytes, DEFAULT_QUOTAS.bytes),
    conversations: set(row?.userConversations, DEFAULT_QUOTAS.conversations),
    shares: set(row?.userShares, DEFAULT_QUOTAS.shares),
    presets: set(row?.userPresets, DEFAULT_QUOTAS.presets),
  };
}

export interface QuotaPassed {
  quota: QuotaName;
  used: number;
  limit: number;
  /** What the write would have added. */
  need: number;
}

/**
 * The first quota the write would take past its limit, or null if it fits. A write adds at least
 * one unit of each quota it names (an answer asked again adds bytes, however few), so a user at a
 * limit can add nothing to it until they free some.
 */
export function quotaPassed(use: StorageUse, quotas: Quotas, need: StorageNeed): QuotaPassed | null {
  for (const quota of QUOTA_NAMES) {
    const adds = need[quota];
    if (adds === undefined) continue;
    if (use[quota] + Math.max(adds, 1) > quotas[quota]) {
      return { quota, used: use[quota], limit: quotas[quota], need: adds };
    }
  }
  return null;
}

/** The largest share of a quota the user has used (0.5: half of one quota, none past that). */
export function fullestShare(use: StorageUse, quotas: Quotas): number {
  return Math.max(...QUOTA_NAMES.map((q) => (quotas[q] > 0 ? use[q] / quotas[q] : 1)));
}

/** Bytes as megabytes (1,000,000 bytes) to one decimal, as messages and forms show them. */
export function megabytes(bytes: number): number {
  return Math.round(bytes / 100_000) / 10;
}
