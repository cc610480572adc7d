// Server actions called directly, as any client can (an action is an endpoint: the page need not
// show its form). Ids come from the build's manifest; the call is encoded as React's client does
// for `action(previousState, formData)`, and the answer is the action's result in the RSC stream.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "./browser";
import { ROOT } from "./instance";

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

export function actionId(exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName);
  if (!found) throw new Error(`abuse: no server action ${exportedName} in the build`);
  return found[0];
}

export interface ActionAnswer {
  status: number;
  /** The RSC payload (the action's return value is in it) or a page. */
  text: string;
  location: string | null;
  /** The action's return value (its form state), when it returned one. */
  result: unknown;
}

/** The action's return value in an RSC answer: row 0 names it (`"a":"$@<row>"`), that row holds it. */
function resultOf(payload: string): unknown {
  const rows = new Map<string, string>();
  for (const line of payload.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  try {
    const row = /^\$@([0-9a-f]+)$/.exec(String((JSON.parse(rows.get("0") ?? "null") as { a?: unknown })?.a ?? ""))?.[1];
    return row ? JSON.parse(rows.get(row) ?? "null") : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `exportedName(previousState, formData)` from `page`, as a form with useActionState does. */
export async function callFormAction(
  browser: Browser,
  page: string,
  exportedName: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  // Last, as React's client sends it: the server resolves the form's reference when it reads this.
  body.append("0", JSON.stringify([{}, "$K1"]));
  const res = await browser.fetch(page, {
    method: "POST",
    body,
    headers: { "next-action": actionId(exportedName), accept: "text/x-component", ...headers },
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    location: res.headers.get("location") ?? res.headers.get("x-action-redirect"),
    result: resultOf(text),
  };
}
