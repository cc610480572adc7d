// The app's forms as a browser without JavaScript submits them: Next.js renders each server
// action's form with hidden fields that name the action, and answers a multipart POST to the page
// with the page rendered again (the action's result in it) or a redirect.
import type { Browser } from "./browser";

export interface Form {
  html: string;
  /** Every named field with the value the page gives it (checked boxes and radios only). */
  fields: Map<string, string>;
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** The forms of a page (our own server-rendered HTML: forms do not nest). */
export function formsOf(html: string): Form[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map(([form]) => {
    const fields = new Map<string, string>();
    for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
      const name = attr(tag, "name");
      const type = attr(tag, "type") ?? "text";
      if (!name || ((type === "checkbox" || type === "radio") && !/\schecked=/.test(tag))) continue;
      fields.set(name, attr(tag, "value") ?? (type === "checkbox" || type === "radio" ? "on" : ""));
    }
    for (const [, open, body] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(open, "name");
      const options = [...body.matchAll(/<option\b[^>]*>/g)].map(([o]) => o);
      const chosen = options.find((o) => /\sselected=/.test(o)) ?? options[0];
      if (name && chosen) fields.set(name, attr(chosen, "value") ?? "");
    }
    for (const [, open, body] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(open, "name");
      if (name) fields.set(name, body);
    }
    return { html: form, fields };
  });
}

/** The first form on `path` that `pick` chooses, or undefined. */
export async function findForm(
  browser: Browser,
  path: string,
  pick: (form: Form) => boolean,
): Promise<Form | undefined> {
  const res = await browser.fetch(path);
  return formsOf(await res.text()).find(pick);
}

export interface Submitted {
  status: number;
  location: string | null;
  html: string;
}

/** Submits a form to `path` as a browser would: its fields, changed by `values` (null removes one). */
export async function submitForm(
  browser: Browser,
  path: string,
  form: Form,
  values: Record<string, string | null> = {},
  headers: Record<string, string> = {},
): Promise<Submitted> {
  const body = new FormData();
  const fields = new Map(form.fields);
  for (const [name, value] of Object.entries(values)) {
    if (value === null) fields.delete(name);
    else fields.set(name, value);
  }
  for (const [name, value] of fields) body.append(name, value);
  const res = await browser.fetch(path, { method: "POST", body, headers });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}
