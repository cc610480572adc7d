// What every server action answers (./action): a form's outcome for useActionState, or a button's.
// One shape for all of them, so that the forms show it alike (components/admin/field: SubmitRow).
// Not server-only: the forms read it.

/** A form's value as sent: a text, or the values of the checkboxes that share a name. */
export type SentValue = string | string[];

export interface FormState<Field extends string = string, Data = never> {
  /** Whether the last submission was carried out; unset before the first. */
  ok?: boolean;
  /** What to tell about it, in the user's language. */
  message?: string;
  /** Why each refused field was refused, to show beside it. */
  fieldErrors?: Partial<Record<Field, string>>;
  /**
   * After a refusal, what the form sent (never a secret field), to show again: React resets a
   * form once its action returns.
   */
  values?: Record<string, SentValue>;
  /** What a success brings besides its message (a new invite's link). */
  data?: Data;
}

/**
 * A key for the form element: after a refusal it remounts with what was sent as its defaults;
 * after a success, with the saved ones (the page is revalidated).
 */
export function formKey(state: FormState<string, unknown>, saved = "saved"): string {
  return state.values ? JSON.stringify(state.values) : saved;
}

/** A field's text as sent, after a refusal. */
export function sentText(state: FormState<string, unknown>, name: string): string | undefined {
  const value = state.values?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether a checkbox was sent checked, after a refusal; undefined before one. */
export function sentChecked(state: FormState<string, unknown>, name: string, value?: string): boolean | undefined {
  if (!state.values) return undefined;
  const sent = state.values[name];
  if (sent === undefined) return false;
  return value === undefined || (Array.isArray(sent) ? sent.includes(value) : sent === value);
}
