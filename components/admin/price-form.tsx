"use client";

import { useActionState, useState, useTransition } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import { removePriceAction, savePriceAction } from "@/app/(admin)/admin/prices/actions";
import { useConfirm } from "@/components/ui/use-confirm";
import { type FormState, formKey, sentText } from "@/lib/api/form-state";
import type { ModelId } from "@/lib/catalog/models";
import type { PlatformId } from "@/lib/providers/platforms";
import type { PriceVersionView } from "@/lib/spend/admin-views";
import { SubmitRow } from "./field";

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
    <label className="flex flex-col gap-1 text-sm">
      <span>{t(name)}</span>
      <input
        id={`${prefix}-${name}`}
        name={name}
        inputMode="decimal"
        defaultValue={sentText(state, name) ?? value ?? ""}
        placeholder={placeholder}
        aria-invalid={Boolean(state.fieldErrors?.[name])}
        className="w-28 rounded-md border border-border bg-bg px-2 py-1"
      />
      {state.fieldErrors?.[name] && <span className="text-xs text-danger">{state.fieldErrors[name]}</span>}
    </label>
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
            <button
              type="button"
              disabled={removing}
              onClick={async () => {
                if (!(await ask({ title: t("removeConfirm", { model: label }), confirmLabel: t("remove") }))) return;
                startRemoving(async () => setRemoved(await removePriceAction({ platform, model })));
              }}
              className="text-sm text-danger underline"
            >
              {t("remove")}
            </button>
          )}
        </div>
        {removed?.message && (
          <p role="status" className={`text-sm ${removed.ok ? "text-fg-muted" : "text-danger"}`}>
            {removed.message}
          </p>
        )}
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
