import "server-only";
import { findAllKeys, findKeysOf } from "../keys/queries";
import { limitsOf, type SpendConfig, type UserLimits } from "./config";
import { dayOf, daysBetween, periodEnd, periodOf, rangeBounds } from "./period";
import { type LedgerFilter, spendTotals, usageRows, usersNamed } from "./queries/reports";
import { balanceOfRow, TEAM_SCOPE, userScope } from "./queries/reservations";

// What the usage pages show, read from the ledger: sums per day, model, platform and user over a
// range of days in the team's time zone, the most expensive conversations, and this month's
// balances (from the running totals, not the ledger). The ledger is summed per UTC quarter hour
// in SQL and those are put into the team's days here (SQLite knows no time zones).

export interface Figures {
  tokens: number;
  inputTokens: number;
  outputTokens: number;
  micros: number;
  calls: number;
  /** Calls whose figures are our estimate (stopped or broken streams). */
  estimated: number;
  /** Calls without a price (no cost recorded). */
  unpriced: number;
}

const zero = (): Figures => ({
  tokens: 0,
  inputTokens: 0,
  outputTokens: 0,
  micros: 0,
  calls: 0,
  estimated: 0,
  unpriced: 0,
});
function add(into: Figures, row: Figures): void {
  into.tokens += row.tokens;
  into.inputTokens += row.inputTokens;
  into.outputTokens += row.outputTokens;
  into.micros += row.micros;
  into.calls += row.calls;
  into.estimated += row.estimated;
  into.unpriced += row.unpriced;
}

export interface ReportRange {
  from: string;
  to: string;
}

/** This month so far, in the team's time zone. */
export function thisMonth(config: SpendConfig, now = new Date()): ReportRange {
  const period = periodOf(now, config.timeZone);
  return { from: `${period}-01`, to: dayOf(now, config.timeZone) };
}

export type { LedgerFilter } from "./queries/reports";
export const ALL_LEDGER: LedgerFilter = { source: "all", keyId: null };

/**
 * The ledger over the days (both included), for one user or the whole team, counting the rows the
 * filter lets through (chat or API calls, one key's). A user's report counts only their own rows,
 * whatever key it is asked for.
 */
export async function usageReport(
  config: SpendConfig,
  range: ReportRange,
  userId?: string,
  filter: LedgerFilter = ALL_LEDGER,
) {
  const bounds = rangeBounds(range, config.timeZone);
  const { quarters, conversations, keys } = await usageRows(
    { start: bounds.start, end: bounds.end, userId: userId ?? null, currency: config.currency },
    filter,
  );
  const figuresOf = (r: Record<string, unknown>): Figures => ({
    tokens: Number(r.tokens ?? 0),
    inputTokens: Number(r.inputTokens ?? 0),
    outputTokens: Number(r.outputTokens ?? 0),
    micros: Number(r.micros ?? 0),
    calls: Number(r.calls ?? 0),
    estimated: Number(r.estimated ?? 0),
    unpriced: Number(r.unpriced ?? 0),
  });
  const total = zero();
  const days = new Map(
    daysBetween(range.from, range.to).map((day) => [day, { day, ...zero(), byModel: {} as Record<string, number> }]),
  );
  const models = new Map<string, Figures>();
  const platforms = new Map<string, Figures>();
  const users = new Map<string, Figures>();
  const into = (map: Map<string, Figures>, key: string) => {
    const entry = map.get(key) ?? zero();
    map.set(key, entry);
    return entry;
  };
  for (const row of quarters) {
    const f = figuresOf(row);
    const day = dayOf(new Date(`${String(row.quarter)}:00Z`), config.timeZone);
    const bucket = days.get(day);
    if (bucket) {
      add(bucket, f);
      const model = String(row.model);
      bucket.byModel[model] = (bucket.byModel[model] ?? 0) + f.tokens;
    }
    add(total, f);
    add(into(models, String(row.model)), f);
    add(into(platforms, String(row.platform)), f);
    add(into(users, String(row.userId)), f);
  }
  const people = userId ? [] : await usersNamed([...users.keys()]);
  const byCost = <T extends Figures>(a: T, b: T) => b.micros - a.micros || b.tokens - a.tokens;
  return {
    ...range,
    currency: config.currency,
    timeZone: config.timeZone,
    total,
    days: [...days.values()],
    models: [...models].map(([model, f]) => ({ model, ...f })).sort(byCost),
    platforms: [...platforms].map(([platform, f]) => ({ platform, ...f })).sort(byCost),
    users: people
      .map((p) => ({ userId: p.id, email: p.email, name: p.name, ...(users.get(p.id) ?? zero()) }))
      .sort(byCost),
    conversations: conversations.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      ...figuresOf(r),
    })),
    keys: keys.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      prefix: String(r.prefix),
      revoked: r.revokedAt !== null && r.revokedAt !== undefined,
      owner: {
        id: String(r.ownerId),
        email: String(r.ownerEmail),
        name: r.ownerName === null ? null : String(r.ownerName),
      },
      ...figuresOf(r),
    })),
  };
}

/** A key the reports can be narrowed to. */
export interface ReportKey {
  id: string;
  name: string;
  prefix: string;
  revoked: boolean;
  /** Whose it is, on the team's report. */
  owner: { email: string; name: string | null } | null;
}

const KEY_CHOICES = 500;

/** The keys a report can be narrowed to: the user's own, or everyone's (with their owners) for the team's report. */
export async function reportKeys(userId?: string): Promise<ReportKey[]> {
  if (userId) {
    const rows = await findKeysOf(userId, KEY_CHOICES);
    return rows.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, revoked: k.revokedAt !== null, owner: null }));
  }
  const rows = await findAllKeys(KEY_CHOICES);
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    revoked: k.revokedAt !== null,
    owner: { email: k.user.email, name: k.user.name },
  }));
}

export type UsageReport = Awaited<ReturnType<typeof usageReport>>;

/** This month's running totals of a user and of the team, their limits, and when they reset. */
export async function monthBalance(config: SpendConfig, userId: string, now = new Date()) {
  const period = periodOf(now, config.timeZone);
  const rows = await spendTotals(period, [userScope(userId), TEAM_SCOPE]);
  const balance = (scope: string) => balanceOfRow(rows.find((r) => r.scope === scope));
  const limits: UserLimits = limitsOf(config, userId);
  return {
    period,
    resetsAt: periodEnd(now, config.timeZone),
    user: balance(userScope(userId)),
    team: balance(TEAM_SCOPE),
    limits,
  };
}
