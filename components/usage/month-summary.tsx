import { getLocale, getTranslations } from "@/lib/i18n/server";
import { formatMoney } from "@/lib/shared/spend/money";
import type { Balance } from "@/lib/spend/admission";
import type { Limits } from "@/lib/spend/config";
import { Card } from "../ui/card";

/** This month against a budget: tokens and money, each with its limit (if any) and a bar. */
export async function MonthSummary({
  budgets,
  currency,
  resetsAt,
  timeZone,
}: {
  budgets: { key: "yourBudget" | "teamBudget"; balance: Balance; limits: Limits }[];
  currency: string;
  resetsAt: Date;
  timeZone: string;
}) {
  const [t, locale] = await Promise.all([getTranslations("usage.month"), getLocale()]);
  const n = new Intl.NumberFormat(locale);
  const money = (micros: number) => formatMoney(micros, currency, locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(resetsAt);
  return (
    <Card aria-labelledby="month-heading">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="month-heading" className="font-medium">
          {t("heading")}
        </h2>
        <p className="text-sm text-fg-muted">{t("resets", { date })}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {budgets.map(({ key, balance, limits }) => (
          <div key={key} className="flex flex-col gap-3" data-testid={`month-${key}`}>
            <h3 className="text-sm font-medium">{t(key)}</h3>
            <Meter
              label={t("tokensLabel")}
              used={balance.tokens}
              held={balance.reservedTokens}
              limit={limits.tokens}
              format={(v) => n.format(v)}
              words={{
                ofLimit: (limit) => t("ofLimit", { limit }),
                noLimit: t("noLimit"),
                inFlight: (amount) => t("inFlight", { amount }),
              }}
              testId="tokens"
            />
            <Meter
              label={t("costLabel")}
              used={balance.micros}
              held={balance.reservedMicros}
              limit={limits.micros}
              format={money}
              words={{
                ofLimit: (limit) => t("ofLimit", { limit }),
                noLimit: t("noLimit"),
                inFlight: (amount) => t("inFlight", { amount }),
              }}
              testId="cost"
            />
          </div>
        ))}
      </div>
    </Card>
  );
}

function Meter({
  label,
  used,
  held,
  limit,
  format,
  words,
  testId,
}: {
  label: string;
  used: number;
  held: number;
  limit: number | null;
  format: (value: number) => string;
  words: { ofLimit: (limit: string) => string; noLimit: string; inFlight: (amount: string) => string };
  testId: string;
}) {
  return (
    <div className="text-sm" data-testid={`meter-${testId}`}>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-fg-muted">{label}</span>
        <span className="font-medium tabular-nums" data-testid="used">
          {format(used)}
        </span>
        <span className="text-fg-muted" data-testid="limit">
          {limit === null ? `(${words.noLimit})` : words.ofLimit(format(limit))}
        </span>
      </div>
      {limit !== null && (
        <meter
          aria-label={label}
          min={0}
          max={limit}
          high={limit * 0.9}
          optimum={0}
          value={Math.min(used, limit)}
          className="mt-1 h-2 w-full"
        />
      )}
      {held > 0 && <p className="mt-1 text-xs text-fg-muted">{words.inFlight(format(held))}</p>}
    </div>
  );
}
