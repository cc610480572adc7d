import type { Metadata } from "next";
import { MonthSummary } from "@/components/usage/month-summary";
import { UsageBody } from "@/components/usage/usage-page";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { spendConfig } from "@/lib/spend/config";
import { filterFrom, rangeFrom } from "@/lib/spend/range";
import { monthBalance, reportKeys, usageReport } from "@/lib/spend/reports";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("teamTitle") };
}

export default async function TeamUsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin();
  const [config, params, t, keys] = await Promise.all([
    spendConfig(),
    searchParams,
    getTranslations("usage"),
    reportKeys(),
  ]);
  const { range, invalid } = rangeFrom(params, config);
  const filter = filterFrom(params, "any");
  const [report, month] = await Promise.all([
    usageReport(config, range, undefined, filter),
    monthBalance(config, admin.id),
  ]);
  // The export covers what the page shows.
  const query = new URLSearchParams({ from: range.from, to: range.to, source: filter.source });
  if (filter.keyId) query.set("key", filter.keyId);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("teamTitle")}</h1>
        <a href={`/api/admin/usage/export?${query}`} className="text-sm underline" download>
          {t("export")}
        </a>
      </div>
      <UsageBody report={report} range={range} invalid={invalid} filter={filter} keys={keys} team>
        <MonthSummary
          currency={config.currency}
          resetsAt={month.resetsAt}
          timeZone={config.timeZone}
          budgets={[{ key: "teamBudget", balance: month.team, limits: month.limits.team }]}
        />
      </UsageBody>
    </div>
  );
}
