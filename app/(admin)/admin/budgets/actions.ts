"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formReading, formText } from "@/lib/api/form-fields";
import { readBudget, readCount } from "@/lib/shared/spend/form-input";
import { parseMoney } from "@/lib/shared/spend/money";
import { MAX_RUNNING_PER_USER } from "@/lib/shared/spend/price-schema";
import { saveSpendSettings, saveUserLimits } from "@/lib/spend/admin";
import { isTimeZone } from "@/lib/spend/period";

// The budgets page's actions: the team's budgets and defaults, and one user's own limits. Each is
// an admin action (lib/api/action), answered in the admin's language.

function changed() {
  revalidatePath("/admin/budgets");
  revalidatePath("/admin/usage");
}

export const saveBudgetsAction = adminAction(
  (t) =>
    z.object({
      teamTokens: formReading(readBudget, t("errors.budget")),
      teamMoney: formReading(parseMoney, t("errors.money")),
      userTokens: formReading(readBudget, t("errors.budget")),
      userMoney: formReading(parseMoney, t("errors.money")),
      rate: formReading(readCount, t("errors.whole")),
      // Blank: the default (DEFAULT_RUNNING_PER_USER); never none, a script could hold dozens.
      running: formReading(
        (text) => {
          const running = readCount(text);
          return running !== "invalid" && (running ?? 0) > MAX_RUNNING_PER_USER ? "invalid" : running;
        },
        t("errors.running", { most: MAX_RUNNING_PER_USER }),
      ),
      timeZone: formReading((text) => {
        const zone = text.trim() || "UTC";
        return isTimeZone(zone) ? zone : "invalid";
      }, t("errors.timeZone")),
      contact: formText.transform((text) => text.trim().slice(0, 200) || null),
    }),
  async (budgets, { t }) => {
    await saveSpendSettings({
      teamMonthlyTokens: budgets.teamTokens,
      teamMonthlyMicros: budgets.teamMoney,
      userMonthlyTokens: budgets.userTokens,
      userMonthlyMicros: budgets.userMoney,
      requestsPerMinute: budgets.rate,
      runningPerUser: budgets.running,
      timeZone: budgets.timeZone,
      budgetContact: budgets.contact,
    });
    changed();
    return { ok: true, message: t("saved") };
  },
  { messages: "admin.budgets" },
);

export const saveUserLimitsAction = adminAction(
  (t) =>
    z.object({
      userId: z.string().min(1).max(64),
      tokens: formReading(readBudget, t("errors.budget")),
      money: formReading(parseMoney, t("errors.money")),
      rate: formReading(readCount, t("errors.whole")),
    }),
  async ({ userId, tokens, money, rate }, { t }) => {
    const user = await saveUserLimits(userId, { monthlyTokens: tokens, monthlyMicros: money, requestsPerMinute: rate });
    if (!user) return { ok: false, message: t("errors.unknownUser") };
    changed();
    return { ok: true, message: t("userSaved", { user: user.email }) };
  },
  {
    messages: "admin.budgets",
    invalid: (issues, t) =>
      issues.some((issue) => issue.path[0] === "userId") ? { message: t("errors.unknownUser") } : {},
  },
);
