"use client";

import { useActionState, useState, useTransition } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import { removePriceAction, savePriceAction } from "@/app/(admin)/admin/prices/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useConfirm } from "@/components/ui/use-confirm";
import type { ModelId } from "@/lib/shared/catalog/models";
import { type FormState, formKey, sentText } from "@/lib/shared/form-state";
import type { PlatformId } from "@/lib/shared/platforms";
import type { PriceVersionView } from "@/lib/spend/admin-views";
import { Field, FormStatus, SubmitRow } from "./field";

/** One model's price on one platform: the version in force, a form for a new one, the history. */
export function PriceForm({
  platform,
  model,
  label,
  current,
  versions,
  currency,
}: {
  platform: PlatformId;
  model: ModelId;
  label: string;
  current: PriceVersionView | null;
  versions: PriceVersionView[];
  currency: string;
}) {
  const t = useTranslations("admin.prices");
  const format = useFormatter();
  const [state, action, pending] = useActionState(savePriceAction, {});
  const [removing, startRemoving] = useTransition();
  const [ask, confirmation] = useConfirm();
  const [removed, setRemoved] = useState<FormState | null>(null);
  const prefix = `price-${platform}-${model}`;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const field = (name: "input" | "output" | "cachedInput", value: number | null | undefined, placeholder?: string) => (
    <Field id={`${prefix}-${name}`} label={t(name)} error={state.fieldErrors?.[name]}>
      <div className="w-28">
        <Input
          id={`${prefix}-${name}`}
          name={name}
          size="sm"
          inputMode="decimal"
          defaultValue={sentText(state, name) ?? value ?? ""}
          placeholder={placeholder}
          aria-invalid={Boolean(state.fieldErrors?.[name])}
        />
      </div>
    </Field>
  );
  // React resets a form after its action; remounting it with what was typed keeps the input.
  return (
    <>
      <form
        key={formKey(state)}
        action={action}
        className="flex flex-col gap-2 border-t border-border py-3"
        aria-label={label}
        data-testid={`price-${platform}-${model}`}
        noValidate
      >
        <input type="hidden" name="platform" value={platform} />
        <input type="hidden" name="model" value={model} />
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h3 className="font-medium">{label}</h3>
          <span className="text-xs text-fg-muted">
            {current ? t("since", { date: date(current.effectiveFrom) }) : t("noPrice")}
          </span>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          {field("input", current?.input)}
          {field("output", current?.output)}
          {field("cachedInput", current?.cachedInput, t("cachedHint"))}
          <span className="pb-1.5 text-xs text-fg-muted">{t("perMillion", { currency })}</span>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitRow pending={pending} state={state} label={t("save")} />
          {current && (
            <Button
              variant="danger-ghost"
              size="sm"
              disabled={removing}
              onClick={async () => {
                if (!(await ask({ title: t("removeConfirm", { model: label }), confirmLabel: t("remove") }))) return;
                startRemoving(async () => setRemoved(await removePriceAction({ platform, model })));
              }}
            >
              {t("remove")}
            </Button>
          )}
        </div>
        {removed && <FormStatus state={removed} />}
        {versions.length > 0 && (
          <details className="text-xs text-fg-muted">
            <summary className="cursor-pointer">{t("history", { count: versions.length })}</summary>
            <ul className="mt-1 flex flex-col gap-0.5">
              {versions.map((v) => (
                <li key={v.id}>
                  {v.active
                    ? t("historyRow", {
                        date: date(v.effectiveFrom),
                        input: `${v.input} ${v.currency}`,
                        output: `${v.output} ${v.currency}`,
                        cached: v.cachedInput === null ? "—" : `${v.cachedInput} ${v.currency}`,
                      })
                    : t("historyRemoved", { date: date(v.effectiveFrom) })}
                </li>
              ))}
            </ul>
          </details>
        )}
      </form>
      {confirmation}
    </>
  );
}
