"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/shared/form-state";
import { SubmitRow } from "./field";

export interface Choice {
  value: string;
  label: string;
  hint: string;
}

/** A team setting that is one of a few choices (radio buttons), saved by `save`. */
export function ChoiceForm({
  name,
  legend,
  choices,
  current,
  save,
  saveLabel,
}: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  current: string;
  save: (state: FormState, form: FormData) => Promise<FormState>;
  saveLabel: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{legend}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={choice.value === current}
              className="mt-1 accent-accent"
            />
            <span>
              <span className="font-medium">{choice.label}</span>
              <span className="block text-fg-muted">{choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitRow pending={pending} state={state} label={saveLabel} />
    </form>
  );
}
