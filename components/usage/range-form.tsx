import { getTranslations } from "@/lib/i18n/server";
import type { ReportRange } from "@/lib/spend/reports";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Label } from "../ui/label";

/** The days a usage page covers: a plain GET form, so the range is in the address and works without script. */
export async function RangeForm({ range, invalid }: { range: ReportRange; invalid: boolean }) {
  const t = await getTranslations("usage.range");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={t("label")}>
      <div className="flex flex-col gap-1">
        <Label htmlFor="range-from">{t("from")}</Label>
        <Input id="range-from" type="date" name="from" defaultValue={range.from} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="range-to">{t("to")}</Label>
        <Input id="range-to" type="date" name="to" defaultValue={range.to} />
      </div>
      <Button type="submit">{t("show")}</Button>
      {invalid && (
        <p role="status" className="w-full text-danger">
          {t("invalid")}
        </p>
      )}
    </form>
  );
}
