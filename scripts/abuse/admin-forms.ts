// Team settings, changed as an admin does: through the admin pages' forms (so that the app
// forgets what it cached, as it does for a real change). Where the issue asks for a setting main
// does not have yet (sharing, quotas), the form is looked for by its field names: adjust the
// patterns here if the merged product names them otherwise.
import type { Browser } from "./browser";
import { type Form, findForm, formsOf, submitForm } from "./forms";

const ADMIN_PAGES = [
  "/admin/users",
  "/admin/budgets",
  "/admin/models",
  "/admin/prices",
  "/admin/platforms",
  "/admin/mcp",
  "/admin/usage",
  "/admin/sharing",
  "/admin/quotas",
  "/admin/storage",
  "/admin/settings",
];

export class SettingMissing extends Error {}

async function submitOrFail(admin: Browser, path: string, pick: (f: Form) => boolean, values: Record<string, string>) {
  const form = await findForm(admin, path, pick);
  if (!form) throw new SettingMissing(`no such form on ${path}`);
  return submitChecked(admin, path, form, values);
}

async function submitChecked(admin: Browser, path: string, form: Form, values: Record<string, string>) {
  const result = await submitForm(admin, path, form, values);
  if (result.status >= 400 || /aria-invalid="true"/.test(result.html)) {
    throw new SettingMissing(`${path} refused the change (${result.status})`);
  }
  return result;
}

/** Admin → Budgets: the team's and each user's monthly limits and the request rate ("" = none). */
export function saveBudgets(
  admin: Browser,
  values: Partial<Record<"teamTokens" | "teamMoney" | "userTokens" | "userMoney" | "rate", string>>,
) {
  return submitOrFail(admin, "/admin/budgets", (f) => f.fields.has("teamTokens"), values);
}

/** Admin → Budgets, one user's own limits ("" = the team's default). */
export function saveUserLimits(
  admin: Browser,
  userId: string,
  values: Partial<Record<"tokens" | "money" | "rate", string>>,
) {
  return submitOrFail(admin, "/admin/budgets", (f) => f.fields.get("userId") === userId, values);
}

/** Admin → Prices: a model's price per 1M tokens on a platform. */
export function savePrice(admin: Browser, platform: string, model: string, values: { input: string; output: string }) {
  return submitOrFail(
    admin,
    "/admin/prices",
    (f) => f.fields.get("platform") === platform && f.fields.get("model") === model && f.fields.has("input"),
    values,
  );
}

/** Admin → Users: who may sign up. */
export function setSignUp(admin: Browser, mode: "open" | "invite") {
  return submitOrFail(admin, "/admin/users", (f) => f.html.includes('name="signUp"'), { signUp: mode });
}

/** A setting found by a field name anywhere under Admin, set to the option whose value `option` matches. */
async function setChoice(admin: Browser, field: RegExp, option: RegExp): Promise<string> {
  for (const path of ADMIN_PAGES) {
    const res = await admin.fetch(path);
    if (res.status !== 200) continue;
    for (const form of formsOf(await res.text())) {
      const names = [...form.html.matchAll(/\sname="([^"$]+)"/g)].map((m) => m[1]).filter((n) => field.test(n));
      for (const name of names) {
        const values = [
          ...form.html.matchAll(new RegExp(`name="${name}"[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"`, "g")),
        ]
          .map((m) => m[1] ?? m[2])
          .filter((v) => v !== undefined);
        const value = values.find((v) => option.test(v));
        if (value === undefined) continue;
        await submitChecked(admin, path, form, { [name]: value });
        return `${path} ${name}=${value}`;
      }
    }
  }
  throw new SettingMissing(`no admin setting with a field like ${field} and an option like ${option}`);
}

export type SharingMode = "off" | "signed-in" | "public";
/** What a new team shares with: signed-in readers only. */
export const DEFAULT_SHARING: SharingMode = "signed-in";
const SHARING_OPTION: Record<SharingMode, RegExp> = {
  off: /^(off|none|disabled|no)$/i,
  "signed-in": /sign|member|team|auth/i,
  public: /^(public|anyone|on|open)$/i,
};

/** Admin: sharing off / signed-in readers only / public (issue #13 item 8). */
export function setSharing(admin: Browser, mode: SharingMode): Promise<string> {
  return setChoice(admin, /shar/i, SHARING_OPTION[mode]);
}

/**
 * Admin: a per-user quota (issue #13 item 10), by a field name like `maxPresets` or `presetQuota`:
 * the team's default, or `userId`'s own (a form for another user is left alone).
 */
export async function setQuota(
  admin: Browser,
  kind: "presets" | "conversations" | "shares",
  value: number,
  userId: string,
) {
  const singular = kind.replace(/s$/, "");
  for (const path of ADMIN_PAGES) {
    const res = await admin.fetch(path);
    if (res.status !== 200) continue;
    for (const form of formsOf(await res.text())) {
      const owner = form.fields.get("userId");
      if (owner !== undefined && owner !== userId) continue;
      const name = [...form.fields.keys()].find((n) => new RegExp(singular, "i").test(n) && !n.startsWith("$"));
      if (!name) continue;
      await submitChecked(admin, path, form, { [name]: String(value) });
      return `${path} ${name}=${value}`;
    }
  }
  throw new SettingMissing(`no admin setting for a ${kind} quota`);
}
