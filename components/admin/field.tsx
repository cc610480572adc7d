"use client";

import { useTranslations } from "use-intl/react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import type { FormState } from "@/lib/shared/form-state";

// The pieces every admin form is made of, on the ui/ primitives: a labelled field with its hint
// and error, a drop-down, the Enabled switch, the save button with the outcome beside it.

/** The id of a field's hint, for its control's aria-describedby. */
export const hintId = (id: string) => `${id}-hint`;

/**
 * A labelled form field with its hint and its error under it. Its control fills it (ui/input):
 * `className` sizes the field (e.g. "w-28").
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  /** Say it through the control: aria-describedby={hintId(id)}. */
  hint?: string;
  error?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && (
        <p id={hintId(id)} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {error && <p className="text-sm text-danger">{error}</p>}
    </div>
  );
}

/** A labelled drop-down of an admin form. */
export function SelectField({
  id,
  name,
  label,
  defaultValue,
  options,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <Field id={id} label={label}>
      <NativeSelect id={id} name={name} defaultValue={defaultValue} wrapperClassName="w-full">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}

/** The Enabled switch of an admin form (sent as "enabled"), on unless the row was disabled. */
export function EnabledField({
  id,
  defaultChecked,
  className,
}: {
  id: string;
  defaultChecked: boolean;
  className?: string;
}) {
  const t = useTranslations("admin");
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <Switch id={id} name="enabled" defaultChecked={defaultChecked} />
      <Label htmlFor={id}>{t("form.enabled")}</Label>
    </div>
  );
}

/** The outcome of the last save, beside its button. */
export function FormStatus({ state, className }: { state: FormState<string, unknown>; className?: string }) {
  if (!state.message) return null;
  return (
    <p role="status" className={cn("text-sm", state.ok ? "text-fg-muted" : "text-danger", className)}>
      {state.message}
    </p>
  );
}

/** Save button and the outcome of the last save. */
export function SubmitRow({
  pending,
  label,
  state,
}: {
  pending: boolean;
  label: string;
  state: FormState<string, unknown>;
}) {
  const t = useTranslations("admin");
  return (
    <div className="flex items-center gap-3 sm:col-span-2">
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? t("form.saving") : label}
      </Button>
      <FormStatus state={state} />
    </div>
  );
}
