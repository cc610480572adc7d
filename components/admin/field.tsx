"use client";

import { useTranslations } from "use-intl/react";

/** A labelled form field with its error under it. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
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
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className="rounded-md border border-border bg-bg px-2 py-1.5"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The Enabled checkbox of an admin form, checked unless the row was disabled. */
export function EnabledField({ defaultChecked, className = "" }: { defaultChecked: boolean; className?: string }) {
  const t = useTranslations("admin");
  return (
    <label className={`flex items-center gap-2 text-sm ${className}`}>
      <input type="checkbox" name="enabled" defaultChecked={defaultChecked} className="accent-accent" />
      {t("form.enabled")}
    </label>
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
  state: { ok?: boolean; message?: string };
}) {
  const t = useTranslations("admin");
  return (
    <div className="flex items-center gap-3 sm:col-span-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-60"
      >
        {pending ? t("form.saving") : label}
      </button>
      {state.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-fg-muted" : "text-danger"}`}>
          {state.message}
        </p>
      )}
    </div>
  );
}
