"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveBudgetsAction } from "@/app/(admin)/admin/budgets/actions";
import { Input } from "@/components/ui/input";
import { formKey, sentText } from "@/lib/shared/form-state";
import { MICROS } from "@/lib/shared/spend/money";
import { DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_RUNNING_PER_USER } from "@/lib/shared/spend/price-schema";
import { Field, hintId, SubmitRow } from "./field";

export interface BudgetValues {
  timeZone: string;
  currency: string;
  teamTokens: number | null;
  teamMicros: number | null;
  userTokens: number | null;
  userMicros: number | null;
  requestsPerMinute: number | null;
  /** Answers each user may have being written at once (the default when never set). */
  runningPerUser: number;
  contact: string | null;
}

/**
 * The team's budgets, each user's default budgets, request rate and answers being written at once,
 * the time zone, whom to ask.
 */
export function BudgetForm({ values }: { values: BudgetValues }) {
  const t = useTranslations("admin.budgets");
  const [state, action, pending] = useActionState(saveBudgetsAction, {});
  const input = (
    name: keyof NonNullable<typeof state.fieldErrors>,
    label: string,
    value: number | string | null,
    hint?: string,
  ) => (
    <Field id={`budget-${name}`} label={label} hint={hint} error={state.fieldErrors?.[name]}>
      <Input
        id={`budget-${name}`}
        name={name}
        defaultValue={sentText(state, name) ?? value ?? ""}
        aria-invalid={Boolean(state.fieldErrors?.[name])}
        aria-describedby={hint ? hintId(`budget-${name}`) : undefined}
      />
    </Field>
  );
  const money = (micros: number | null) => (micros === null ? null : micros / MICROS);
  return (
    <form
      key={formKey(state)}
      action={action}
      className="grid gap-3 sm:grid-cols-2"
      data-testid="budget-form"
      noValidate
    >
      {input("teamTokens", t("teamTokens"), values.teamTokens)}
      {input("teamMoney", t("teamMoney", { currency: values.currency }), money(values.teamMicros))}
      {input("userTokens", t("userTokens"), values.userTokens)}
      {input("userMoney", t("userMoney", { currency: values.currency }), money(values.userMicros))}
      {input("rate", t("rate"), values.requestsPerMinute, t("rateHint", { rate: DEFAULT_REQUESTS_PER_MINUTE }))}
      {input("running", t("running"), values.runningPerUser, t("runningHint", { count: DEFAULT_RUNNING_PER_USER }))}
      {input("timeZone", t("timeZone"), values.timeZone, t("timeZoneHint"))}
      {input("contact", t("contact"), values.contact, t("contactHint"))}
      <SubmitRow pending={pending} state={state} label={t("save")} />
    </form>
  );
}
