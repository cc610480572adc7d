"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveCurrencyAction } from "@/app/(admin)/admin/prices/actions";
import { formKey, sentText } from "@/lib/api/form-state";
import { Field, SubmitRow } from "./field";

/** The team's currency and the exchange rates for costs platforms report in another one. */
export function CurrencyForm({ currency, rates }: { currency: string; rates: Record<string, number> }) {
  const t = useTranslations("admin.prices");
  const [state, action, pending] = useActionState(saveCurrencyAction, {});
  return (
    <form key={formKey(state)} action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <Field id="currency" label={t("currency")} error={state.fieldErrors?.currency}>
        <input
          id="currency"
          name="currency"
          defaultValue={sentText(state, "currency") ?? currency}
          maxLength={3}
          aria-describedby="currency-hint"
          className="w-24 rounded-md border border-border bg-bg px-2 py-1.5 uppercase"
        />
        <p id="currency-hint" className="text-xs text-fg-muted">
          {t("currencyHint")}
        </p>
      </Field>
      <Field id="rates" label={t("rates")} error={state.fieldErrors?.rates}>
        <textarea
          id="rates"
          name="rates"
          rows={2}
          defaultValue={
            sentText(state, "rates") ??
            Object.entries(rates)
              .map(([code, rate]) => `${code} = ${rate}`)
              .join("\n")
          }
          aria-describedby="rates-hint"
          className="rounded-md border border-border bg-bg px-2 py-1.5 font-mono text-sm"
        />
        <p id="rates-hint" className="text-xs text-fg-muted">
          {t("ratesHint")}
        </p>
      </Field>
      <SubmitRow pending={pending} state={state} label={t("saveCurrency")} />
    </form>
  );
}
