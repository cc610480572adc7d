"use client";

import { useActionState } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import { saveStorageQuotasAction } from "@/app/(admin)/admin/storage/actions";
import { Input } from "@/components/ui/input";
import { formKey, sentText } from "@/lib/shared/form-state";
import { megabytes, type Quotas } from "@/lib/shared/quotas";
import { Field, hintId, SubmitRow } from "../field";

/** The team's quotas per person; a blank field keeps the default, shown as its placeholder. */
export function StorageQuotaForm({
  values,
  defaults,
}: {
  /** The admin's own figures; null where the default applies. */
  values: { [K in keyof Quotas]: number | null };
  defaults: Quotas;
}) {
  const t = useTranslations("admin.storage");
  const format = useFormatter();
  const [state, action, pending] = useActionState(saveStorageQuotasAction, {});
  const input = (name: keyof Quotas, label: string, value: number | null, fallback: number, hint?: string) => (
    <Field id={`storage-${name}`} label={label} hint={hint} error={state.fieldErrors?.[name]}>
      <Input
        id={`storage-${name}`}
        name={name}
        inputMode="decimal"
        defaultValue={sentText(state, name) ?? value ?? ""}
        placeholder={t("default", { value: format.number(fallback) })}
        aria-invalid={Boolean(state.fieldErrors?.[name])}
        aria-describedby={hint ? hintId(`storage-${name}`) : undefined}
      />
    </Field>
  );
  return (
    <form
      key={formKey(state)}
      action={action}
      className="grid gap-3 sm:grid-cols-2"
      data-testid="storage-quota-form"
      noValidate
    >
      {input(
        "bytes",
        t("bytes"),
        values.bytes === null ? null : megabytes(values.bytes),
        megabytes(defaults.bytes),
        t("bytesHint"),
      )}
      {input("conversations", t("conversations"), values.conversations, defaults.conversations)}
      {input("shares", t("shares"), values.shares, defaults.shares, t("sharesHint"))}
      {input("presets", t("presets"), values.presets, defaults.presets)}
      <SubmitRow pending={pending} state={state} label={t("save")} />
    </form>
  );
}
