import "server-only";
import { appError } from "../i18n/app-error";
import {
  fullestShare,
  megabytes,
  NEAR_QUOTA,
  type QuotaName,
  type QuotaPassed,
  type Quotas,
  quotaPassed,
  quotasOf,
  type StorageNeed,
  type StorageUse,
} from "../shared/quotas";
import {
  findStorageSettings,
  findStorageTotal,
  findTotalsAtLeast,
  type StorageRow,
  teamStorageTotals,
} from "./queries";

// A user's storage against the team's quotas: read (for a check before a write, and the admin's
// page) and the team's quotas saved. The totals themselves are written only by the triggers.

export interface StorageFigures {
  use: StorageUse;
  quotas: Quotas;
}

type Figure = number | bigint | null | undefined;

const count = (value: Figure) => (value == null ? 0 : Number(value));

function totalsOf(row: Partial<Record<QuotaName, Figure>> | null | undefined): StorageUse {
  return {
    bytes: count(row?.bytes),
    conversations: count(row?.conversations),
    shares: count(row?.shares),
    presets: count(row?.presets),
  };
}

export function storageFigures(row: StorageRow | undefined): StorageFigures {
  const setting = (value: Figure) => (value == null ? null : Number(value));
  return {
    use: totalsOf(row),
    quotas: quotasOf({
      userBytes: setting(row?.userBytes),
      userConversations: setting(row?.userConversations),
      userShares: setting(row?.userShares),
      userPresets: setting(row?.userPresets),
    }),
  };
}

export async function readStorage(userId: string): Promise<StorageFigures> {
  const [total, settings] = await Promise.all([findStorageTotal(userId), findStorageSettings()]);
  return { use: totalsOf(total), quotas: quotasOf(settings) };
}

/** 403 quota_exceeded if the write would take the user past a quota: says which, the figures, what to do. */
export function assertFits(figures: StorageFigures, need: StorageNeed): void {
  const passed = quotaPassed(figures.use, figures.quotas, need);
  if (passed) throw quotaError(passed);
}

/** Reads the user's storage and refuses the write if it does not fit (shares, presets, copies). */
export async function checkStorage(userId: string, need: StorageNeed): Promise<void> {
  assertFits(await readStorage(userId), need);
}

function quotaError(passed: QuotaPassed) {
  const details = { quota: passed.quota, used: passed.used, limit: passed.limit };
  if (passed.quota === "bytes") {
    return appError(
      "quota_exceeded",
      "quota.bytes",
      {
        used: megabytes(passed.used),
        limit: megabytes(passed.limit),
        need: megabytes(passed.need),
        full: passed.used >= passed.limit ? "yes" : "no",
      },
      { details },
    );
  }
  return appError("quota_exceeded", `quota.${passed.quota}`, { used: passed.used, limit: passed.limit }, { details });
}

export interface NearQuotaRow {
  userId: string;
  email: string;
  name: string | null;
  use: StorageUse;
  /** The largest share of a quota used (0.8 and above). */
  fullest: number;
}

/** The team's quotas, what everyone stores together, and the users at 80 % or more of any quota, fullest first. */
export async function storageOverview() {
  const settings = await findStorageSettings();
  const quotas = quotasOf(settings);
  const near = (q: number) => Math.ceil(q * NEAR_QUOTA);
  const [rows, team] = await Promise.all([
    findTotalsAtLeast({
      bytes: near(quotas.bytes),
      conversations: near(quotas.conversations),
      shares: near(quotas.shares),
      presets: near(quotas.presets),
    }),
    teamStorageTotals(),
  ]);
  const users: NearQuotaRow[] = rows
    .map((row) => {
      const use = totalsOf(row);
      return {
        userId: row.userId,
        email: row.user.email,
        name: row.user.name,
        use,
        fullest: fullestShare(use, quotas),
      };
    })
    .sort((a, b) => b.fullest - a.fullest || a.email.localeCompare(b.email));
  return {
    quotas,
    /** Whether the admin set each quota (false: the default applies). */
    custom: {
      bytes: settings?.userBytes != null,
      conversations: settings?.userConversations != null,
      shares: settings?.userShares != null,
      presets: settings?.userPresets != null,
    },
    team: {
      users: team._count,
      bytes: Number(team._sum.bytes ?? 0),
      conversations: team._sum.conversations ?? 0,
    },
    users,
  };
}
