"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formReading } from "@/lib/api/form-fields";
import { modelIdSchema } from "@/lib/shared/catalog/models";
import { PLATFORMS, platformIdSchema } from "@/lib/shared/platforms";
import { readOffset, readPrice, readRates, readWindows } from "@/lib/shared/spend/form-input";
import { currencySchema } from "@/lib/shared/spend/price-schema";
import { removeMultiplierRule, removePrice, saveMultiplierRule, savePrice, saveSpendSettings } from "@/lib/spend/admin";

// The prices page's actions: a model's price, a platform's time-of-day multiplier, the team's
// currency. Each is an admin action (lib/api/action), answered in the admin's language.

function changed() {
  revalidatePath("/admin/prices");
  revalidatePath("/admin/usage");
}

/** A platform, and a model it offers. */
const target = { platform: platformIdSchema, model: modelIdSchema };
const offered = ({ platform, model }: { platform: z.infer<typeof platformIdSchema>; model: string }) =>
  Boolean(PLATFORMS[platform].models[model as keyof (typeof PLATFORMS)[typeof platform]["models"]]);
/** Said when the platform or model a form names is not one the platform offers. */
const unknownModel = (issues: readonly z.core.$ZodIssue[], message: string) =>
  issues.some((issue) => issue.path[0] === "platform" || issue.path[0] === "model") ? { message } : {};

export const savePriceAction = adminAction(
  (t) =>
    z
      .object({
        ...target,
        input: formReading(readPrice, t("errors.number")),
        output: formReading(readPrice, t("errors.number")),
        cachedInput: formReading((text) => (text.trim() === "" ? null : readPrice(text)), t("errors.number")),
      })
      .refine(offered, { path: ["model"] }),
  async (price, { admin, t }) => {
    await savePrice(price, admin.id);
    changed();
    return { ok: true, message: t("saved", { model: price.model, platform: PLATFORMS[price.platform].label }) };
  },
  { messages: "admin.prices", invalid: (issues, t) => unknownModel(issues, t("errors.unknownModel")) },
);

export const removePriceAction = adminAction(
  z.object(target).refine(offered, { path: ["model"] }),
  async ({ platform, model }, { admin, t }) => {
    await removePrice(platform, model, admin.id);
    changed();
    return { ok: true, message: t("removed", { model, platform: PLATFORMS[platform].label }) };
  },
  { messages: "admin.prices", invalid: (_issues, t) => ({ message: t("errors.unknownModel") }) },
);

export const saveMultiplierAction = adminAction(
  (t) =>
    z.object({
      platform: platformIdSchema,
      base: formReading((text) => {
        const base = text.trim() === "" ? 1 : readPrice(text);
        return base !== "invalid" && base > 100 ? "invalid" : base;
      }, t("errors.number")),
      offset: formReading(readOffset, t("errors.offset")),
      windows: formReading(readWindows, t("errors.windows")),
    }),
  async ({ platform, base, offset, windows }, { t }) => {
    const label = PLATFORMS[platform].label;
    if (base === 1 && windows.length === 0) {
      await removeMultiplierRule(platform);
      changed();
      return { ok: true, message: t("multiplierRemoved", { platform: label }) };
    }
    await saveMultiplierRule({ platform, base, utcOffsetMinutes: offset, windows });
    changed();
    return { ok: true, message: t("multiplierSaved", { platform: label }) };
  },
  { messages: "admin.prices", invalid: (issues, t) => unknownModel(issues, t("errors.unknownModel")) },
);

export const saveCurrencyAction = adminAction(
  (t) =>
    z.object({
      currency: formReading((text) => currencySchema.safeParse(text).data ?? "invalid", t("errors.currency")),
      rates: formReading(readRates, t("errors.rates")),
    }),
  async ({ currency, rates }, { t }) => {
    await saveSpendSettings({ currency, exchangeRates: rates });
    changed();
    return { ok: true, message: t("currencySaved") };
  },
  { messages: "admin.prices" },
);
