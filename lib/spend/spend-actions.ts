"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "../auth/session";
import { modelIdSchema } from "../catalog/models";
import { db } from "../db/client";
import { getTranslations } from "../i18n/server";
import { PLATFORMS, platformIdSchema } from "../providers/platforms";
import {
  removeMultiplierRule,
  removePrice,
  saveMultiplierRule,
  savePrice,
  saveSpendSettings,
  saveUserLimits,
} from "./admin";
import { readBudget, readCount, readOffset, readPrice, readRates, readWindows } from "./form-input";
import { parseMoney } from "./money";
import { isTimeZone } from "./period";
import { currencySchema, MAX_RUNNING_PER_USER } from "./price-schema";

// Server actions behind the admin's prices and budgets pages. Each checks the admin itself (an
// action is an endpoint anyone can call) and answers in the admin's language.

export interface SpendFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** What was typed, to show again after a refusal (React resets a form after its action). */
  values?: Record<string, string>;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** A refusal that keeps what the admin typed. */
function refused(form: FormData, fieldErrors: Record<string, string | undefined>): SpendFormState {
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  return { ok: false, fieldErrors, values };
}

function changed(page: "prices" | "budgets") {
  revalidatePath(`/admin/${page}`);
  revalidatePath("/admin/usage");
}

/** The platform and model a price form names, if the platform offers that model. */
function priceTarget(form: FormData) {
  const platform = platformIdSchema.safeParse(form.get("platform"));
  const model = modelIdSchema.safeParse(form.get("model"));
  if (!platform.success || !model.success || !PLATFORMS[platform.data].models[model.data]) return null;
  return { platform: platform.data, model: model.data };
}

export async function savePriceAction(_prev: SpendFormState, form: FormData): Promise<SpendFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin.prices");
  const target = priceTarget(form);
  if (!target) return { ok: false, message: t("errors.unknownModel") };
  const input = readPrice(text(form, "input"));
  const output = readPrice(text(form, "output"));
  const cached = text(form, "cachedInput").trim() === "" ? null : readPrice(text(form, "cachedInput"));
  if (input === "invalid" || output === "invalid" || cached === "invalid") {
    const error = t("errors.number");
    return refused(form, {
      input: input === "invalid" ? error : undefined,
      output: output === "invalid" ? error : undefined,
      cachedInput: cached === "invalid" ? error : undefined,
    });
  }
  await savePrice({ ...target, input, output, cachedInput: cached }, admin.id);
  changed("prices");
  return { ok: true, message: t("saved", { model: target.model, platform: PLATFORMS[target.platform].label }) };
}

export async function removePriceAction(platform: string, model: string): Promise<SpendFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin.prices");
  const form = new FormData();
  form.set("platform", platform);
  form.set("model", model);
  const target = priceTarget(form);
  if (!target) return { ok: false, message: t("errors.unknownModel") };
  await removePrice(target.platform, target.model, admin.id);
  changed("prices");
  return { ok: true, message: t("removed", { model: target.model, platform: PLATFORMS[target.platform].label }) };
}

export async function saveMultiplierAction(_prev: SpendFormState, form: FormData): Promise<SpendFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.prices");
  const platform = platformIdSchema.safeParse(form.get("platform"));
  if (!platform.success) return { ok: false, message: t("errors.unknownModel") };
  const baseText = text(form, "base").trim();
  const base = baseText === "" ? 1 : readPrice(baseText);
  const offset = readOffset(text(form, "offset"));
  const windows = readWindows(text(form, "windows"));
  if (base === "invalid" || base > 100 || offset === "invalid" || windows === "invalid") {
    return refused(form, {
      base: base === "invalid" || base > 100 ? t("errors.number") : undefined,
      offset: offset === "invalid" ? t("errors.offset") : undefined,
      windows: windows === "invalid" ? t("errors.windows") : undefined,
    });
  }
  const label = PLATFORMS[platform.data].label;
  if (base === 1 && windows.length === 0) {
    await removeMultiplierRule(platform.data);
    changed("prices");
    return { ok: true, message: t("multiplierRemoved", { platform: label }) };
  }
  await saveMultiplierRule({ platform: platform.data, base, utcOffsetMinutes: offset, windows });
  changed("prices");
  return { ok: true, message: t("multiplierSaved", { platform: label }) };
}

export async function saveCurrencyAction(_prev: SpendFormState, form: FormData): Promise<SpendFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.prices");
  const currency = currencySchema.safeParse(text(form, "currency"));
  const rates = readRates(text(form, "rates"));
  if (!currency.success || rates === "invalid") {
    return refused(form, {
      currency: currency.success ? undefined : t("errors.currency"),
      rates: rates === "invalid" ? t("errors.rates") : undefined,
    });
  }
  await saveSpendSettings({ currency: currency.data, exchangeRates: rates });
  changed("prices");
  return { ok: true, message: t("currencySaved") };
}

export async function saveBudgetsAction(_prev: SpendFormState, form: FormData): Promise<SpendFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.budgets");
  const values = {
    teamMonthlyTokens: readBudget(text(form, "teamTokens")),
    teamMonthlyMicros: parseMoney(text(form, "teamMoney")),
    userMonthlyTokens: readBudget(text(form, "userTokens")),
    userMonthlyMicros: parseMoney(text(form, "userMoney")),
    requestsPerMinute: readCount(text(form, "rate")),
    // Blank: the default (DEFAULT_RUNNING_PER_USER); never none, a script could hold dozens.
    runningPerUser: readCount(text(form, "running")),
  };
  const timeZone = text(form, "timeZone").trim() || "UTC";
  const fieldErrors = {
    teamTokens: values.teamMonthlyTokens === "invalid" ? t("errors.budget") : undefined,
    teamMoney: values.teamMonthlyMicros === "invalid" ? t("errors.money") : undefined,
    userTokens: values.userMonthlyTokens === "invalid" ? t("errors.budget") : undefined,
    userMoney: values.userMonthlyMicros === "invalid" ? t("errors.money") : undefined,
    rate: values.requestsPerMinute === "invalid" ? t("errors.whole") : undefined,
    running:
      values.runningPerUser === "invalid" || (values.runningPerUser ?? 0) > MAX_RUNNING_PER_USER
        ? t("errors.running", { most: MAX_RUNNING_PER_USER })
        : undefined,
    timeZone: isTimeZone(timeZone) ? undefined : t("errors.timeZone"),
  };
  if (Object.values(fieldErrors).some(Boolean)) return refused(form, fieldErrors);
  const valid = values as { [K in keyof typeof values]: number | null };
  await saveSpendSettings({
    ...valid,
    timeZone,
    budgetContact: text(form, "contact").trim().slice(0, 200) || null,
  });
  changed("budgets");
  return { ok: true, message: t("saved") };
}

export async function saveUserLimitsAction(_prev: SpendFormState, form: FormData): Promise<SpendFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.budgets");
  const userId = z.string().min(1).max(64).safeParse(form.get("userId"));
  const user = userId.success
    ? await db.user.findUnique({ where: { id: userId.data }, select: { id: true, email: true } })
    : null;
  if (!user) return { ok: false, message: t("errors.unknownUser") };
  const limits = {
    monthlyTokens: readBudget(text(form, "tokens")),
    monthlyMicros: parseMoney(text(form, "money")),
    requestsPerMinute: readCount(text(form, "rate")),
  };
  const fieldErrors = {
    tokens: limits.monthlyTokens === "invalid" ? t("errors.budget") : undefined,
    money: limits.monthlyMicros === "invalid" ? t("errors.money") : undefined,
    rate: limits.requestsPerMinute === "invalid" ? t("errors.whole") : undefined,
  };
  if (Object.values(fieldErrors).some(Boolean)) return refused(form, fieldErrors);
  await saveUserLimits(user.id, limits as { [K in keyof typeof limits]: number | null });
  changed("budgets");
  return { ok: true, message: t("userSaved", { user: user.email }) };
}
