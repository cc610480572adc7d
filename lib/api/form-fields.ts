import { z } from "zod";

// Zod pieces for what a form sends (./action turns its FormData into an object first: a field
// sent once is a string, one sent several times a list of them, an unchecked box is missing).
// Each takes a missing field (`.optional()` first: a transform alone refuses one).

/** A text field; "" when missing. */
export const formText = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === "string" ? v : ""));

/** A checkbox: checked when sent at all (whatever its value). */
export const formCheckbox = z
  .unknown()
  .optional()
  .transform((v) => v !== undefined);

/** The values of the checkboxes that share a name: none, one or several. */
export const formList = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]));

/** A choice where "" (or nothing) means none. */
export const formBlankAsNull = formText.transform((v) => (v === "" ? null : v));

/**
 * A text field read by `read` (e.g. lib/shared/spend/form-input), which answers "invalid" for what it
 * cannot read: that is refused with `message`, beside the field.
 */
export function formReading<T>(read: (text: string) => T | "invalid", message: string) {
  return formText.transform((text, ctx) => {
    const value = read(text);
    if (value === "invalid") {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return value as Exclude<T, "invalid">;
  });
}

/** A form's fields as an object of texts and lists of texts (files and React's own fields left out). */
export function formFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const before = fields[name];
    fields[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return fields;
}
