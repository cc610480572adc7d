"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveCurrencyAction } from "@/app/(admin)/admin/prices/actions";
import { Input, Textarea } from "@/components/ui/input";
import { formKey, sentText } from "@/lib/shared/form-state";
import { Field, hintId, SubmitRow } from "./field";

/** The team's currency and the exchange rates for costs platforms report in another one. */
export function CurrencyForm({ currency, rates }: { currency: string; rates: Record<string, number> }) {
  const t = useTranslations("admin.prices");
  const [state, action, pending] = useActionState(saveCurrencyAction, {});
  return (
    <form key={formKey(state)} action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      <Field id="currency" label={t("currency")} hint={t("currencyHint")} error={state.fieldErrors?.currency}>
        <div className="w-24">
          <Input
            id="currency"
            name="currency"
            defaultValue={sentText(state, "currency") ?? currency}
            maxLength={3}
            aria-invalid={Boolean(state.fieldErrors?.currency)}
            aria-describedby={hintId("currency")}
            className="uppercase"
          />
        </div>
      </Field>
      <Field id="rates" label={t("rates")} hint={t("ratesHint")} error={state.fieldErrors?.rates}>
        <Textarea
          id="rates"
          name="rates"
          rows={2}
          mono
          defaultValue={
            sentText(state, "rates") ??
            Object.entries(rates)
              .map(([code, rate]) => `${code} = ${rate}`)
              .join("\n")
          }
          aria-invalid={Boolean(state.fieldErrors?.rates)}
          aria-describedby={hintId("rates")}
        />
      </Field>
      <SubmitRow pending={pending} state={state} label={t("saveCurrency")} />
    </form>
  );
}
