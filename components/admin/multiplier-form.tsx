"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveMultiplierAction } from "@/app/(admin)/admin/prices/actions";
import { Input, Textarea } from "@/components/ui/input";
import { formKey, sentText } from "@/lib/shared/form-state";
import { formatOffset } from "@/lib/shared/spend/form-input";
import type { MultiplierRule } from "@/lib/shared/spend/price-schema";
import { Field, SubmitRow } from "./field";

/** A platform's time-of-day multiplier: windows at a UTC offset, and the multiplier otherwise. */
export function MultiplierForm({ platform, rule }: { platform: string; rule: MultiplierRule | null }) {
  const t = useTranslations("admin.prices");
  const [state, action, pending] = useActionState(saveMultiplierAction, {});
  const prefix = `multiplier-${platform}`;
  return (
    <form key={formKey(state)} action={action} className="grid gap-3 sm:grid-cols-2" data-testid={prefix} noValidate>
      <input type="hidden" name="platform" value={platform} />
      <Field id={`${prefix}-windows`} label={t("windows")} error={state.fieldErrors?.windows}>
        <Textarea
          id={`${prefix}-windows`}
          name="windows"
          rows={2}
          mono
          defaultValue={
            sentText(state, "windows") ?? rule?.windows.map((w) => `${w.from}-${w.to} = ${w.multiplier}`).join("\n")
          }
          placeholder={t("windowsHint")}
          aria-invalid={Boolean(state.fieldErrors?.windows)}
        />
      </Field>
      <div className="flex gap-3">
        <Field id={`${prefix}-offset`} label={t("offset")} error={state.fieldErrors?.offset}>
          <div className="w-28">
            <Input
              id={`${prefix}-offset`}
              name="offset"
              defaultValue={sentText(state, "offset") ?? formatOffset(rule?.utcOffsetMinutes ?? 0)}
              aria-invalid={Boolean(state.fieldErrors?.offset)}
            />
          </div>
        </Field>
        <Field id={`${prefix}-base`} label={t("base")} error={state.fieldErrors?.base}>
          <div className="w-20">
            <Input
              id={`${prefix}-base`}
              name="base"
              inputMode="decimal"
              defaultValue={sentText(state, "base") ?? rule?.base ?? 1}
              aria-invalid={Boolean(state.fieldErrors?.base)}
            />
          </div>
        </Field>
      </div>
      <SubmitRow pending={pending} state={state} label={t("saveMultiplier")} />
    </form>
  );
}
