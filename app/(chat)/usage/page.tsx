import type { Metadata } from "next";
import { MonthSummary } from "@/components/usage/month-summary";
import { UsageBody } from "@/components/usage/usage-page";
import { requireUser } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { spendConfig } from "@/lib/spend/config";
import { filterFrom, rangeFrom } from "@/lib/spend/range";
import { monthBalance, reportKeys, usageReport } from "@/lib/spend/reports";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("title") };
}

export default async function MyUsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [config, params, t, keys] = await Promise.all([
    spendConfig(),
    searchParams,
    getTranslations("usage"),
    reportKeys(user.id),
  ]);
  const { range, invalid } = rangeFrom(params, config);
  // Only the user's own keys: another's id in the address is ignored.
  const filter = filterFrom(params, keys);
  const [report, month] = await Promise.all([
    usageReport(config, range, user.id, filter),
    monthBalance(config, user.id),
  ]);
  return (
    <div className="overflow-y-auto p-4">
      <div className="mx-auto flex max-w-5xl flex-col gap-4">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <UsageBody report={report} range={range} invalid={invalid} filter={filter} keys={keys} team={false}>
          <MonthSummary
            currency={config.currency}
            resetsAt={month.resetsAt}
            timeZone={config.timeZone}
            budgets={[
              { key: "yourBudget", balance: month.user, limits: month.limits.user },
              { key: "teamBudget", balance: month.team, limits: month.limits.team },
            ]}
          />
        </UsageBody>
      </div>
    </div>
  );
}
