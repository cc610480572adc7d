import type { Metadata } from "next";
import { MonthSummary } from "@/components/usage/month-summary";
import { UsageBody } from "@/components/usage/usage-page";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { spendConfig } from "@/lib/spend/config";
import { rangeFrom } from "@/lib/spend/range";
import { monthBalance, usageReport } from "@/lib/spend/reports";

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
  const [config, params, t] = await Promise.all([spendConfig(), searchParams, getTranslations("usage")]);
  const { range, invalid } = rangeFrom(params, config);
  const [report, month] = await Promise.all([usageReport(config, range), monthBalance(config, admin.id)]);
  const query = new URLSearchParams({ from: range.from, to: range.to });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("teamTitle")}</h1>
        <a href={`/api/admin/usage/export?${query}`} className="text-sm underline" download>
          {t("export")}
        </a>
      </div>
      <UsageBody report={report} range={range} invalid={invalid} team>
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
