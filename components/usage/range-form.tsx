import { getTranslations } from "@/lib/i18n/server";
import type { LedgerFilter, ReportKey, ReportRange } from "@/lib/spend/reports";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Label } from "../ui/label";
import { NativeSelect } from "../ui/native-select";

const SOURCES = ["all", "chat", "api"] as const;

/**
 * The days and the calls a usage page covers: a plain GET form, so the choice is in the address
 * (bookmarkable) and works without script. The key select lists the keys the viewer may narrow to
 * (their own; everyone's on Team usage, with owners), when there are any.
 */
export async function RangeForm({
  range,
  invalid,
  filter,
  keys,
}: {
  range: ReportRange;
  invalid: boolean;
  filter: LedgerFilter;
  keys: readonly ReportKey[];
}) {
  const t = await getTranslations("usage.range");
  const keyLabel = (k: ReportKey) => {
    let label = t("keyOption", { name: k.name, prefix: k.prefix });
    if (k.owner) label = t("keyOwner", { key: label, owner: k.owner.name ?? k.owner.email });
    return k.revoked ? t("keyRevoked", { key: label }) : label;
  };
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
      <div className="flex flex-col gap-1">
        <Label htmlFor="range-source">{t("source")}</Label>
        <NativeSelect id="range-source" name="source" defaultValue={filter.source}>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`sources.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      {keys.length > 0 && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="range-key">{t("key")}</Label>
          <NativeSelect id="range-key" name="key" defaultValue={filter.keyId ?? ""} wrapperClassName="max-w-72">
            <option value="">{t("anyKey")}</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {keyLabel(k)}
              </option>
            ))}
          </NativeSelect>
        </div>
      )}
      <Button type="submit">{t("show")}</Button>
      {invalid && (
        <p role="status" className="w-full text-danger">
          {t("invalid")}
        </p>
      )}
    </form>
  );
}
