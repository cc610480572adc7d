import { getLocale, getTranslations } from "@/lib/i18n/server";
import { formatMoney } from "@/lib/shared/spend/money";
import type { LedgerFilter, ReportKey, ReportRange, UsageReport } from "@/lib/spend/reports";
import { RangeForm } from "./range-form";
import { UsageCharts } from "./usage-charts";
import { ReportTables } from "./usage-tables";

/** The body both usage pages share: the days and calls, the total, the charts and the tables. */
export async function UsageBody({
  report,
  range,
  invalid,
  filter,
  keys,
  team,
  children,
}: {
  report: UsageReport;
  range: ReportRange;
  invalid: boolean;
  /** Which calls the report counts (chat, API, one key's). */
  filter: LedgerFilter;
  /** The keys it can be narrowed to. */
  keys: readonly ReportKey[];
  team: boolean;
  /** Shown between the range and the charts (this month against the budget). */
  children?: React.ReactNode;
}) {
  const [t, locale] = await Promise.all([getTranslations("usage"), getLocale()]);
  const n = new Intl.NumberFormat(locale);
  const models = report.models.map((m) => m.model);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-fg-muted">{t("intro", { timeZone: report.timeZone, currency: report.currency })}</p>
      {children}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <RangeForm range={range} invalid={invalid} filter={filter} keys={keys} />
        <p className="text-sm font-medium" data-testid="usage-total">
          {t("total", {
            tokens: n.format(report.total.tokens),
            cost: formatMoney(report.total.micros, report.currency, locale),
            calls: report.total.calls,
          })}
        </p>
      </div>
      {report.total.calls === 0 ? (
        <p className="text-sm text-fg-muted">{t("charts.empty")}</p>
      ) : (
        <UsageCharts
          days={report.days}
          models={models}
          currency={report.currency}
          labels={{ tokensPerDay: t("charts.tokensPerDay"), costPerDay: t("charts.costPerDay") }}
        />
      )}
      <ReportTables report={report} team={team} />
    </div>
  );
}
