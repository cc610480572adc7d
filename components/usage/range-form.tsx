import { getTranslations } from "@/lib/i18n/server";
import type { ReportRange } from "@/lib/spend/reports";

/** The days a usage page covers: a plain GET form, so the range is in the address and works without script. */
export async function RangeForm({ range, invalid }: { range: ReportRange; invalid: boolean }) {
  const t = await getTranslations("usage.range");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t("label")}>
      <label className="flex flex-col gap-1">
        {t("from")}
        <input
          type="date"
          name="from"
          defaultValue={range.from}
          className="rounded-md border border-border bg-bg px-2 py-1"
        />
      </label>
      <label className="flex flex-col gap-1">
        {t("to")}
        <input
          type="date"
          name="to"
          defaultValue={range.to}
          className="rounded-md border border-border bg-bg px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded-md border border-border px-3 py-1 font-medium hover:bg-muted">
        {t("show")}
      </button>
      {invalid && (
        <p role="status" className="w-full text-danger">
          {t("invalid")}
        </p>
      )}
    </form>
  );
}
