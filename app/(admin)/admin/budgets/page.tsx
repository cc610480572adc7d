import type { Metadata } from "next";
import { BudgetForm } from "@/components/admin/budget-form";
import { PageHeader } from "@/components/admin/page-header";
import { UserLimitsForm } from "@/components/admin/user-limits-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { formatMoney } from "@/lib/shared/spend/money";
import { budgetTable } from "@/lib/spend/admin-views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.budgets");
  return { title: t("title") };
}

export default async function BudgetsPage() {
  await requireAdmin();
  const [{ config, users }, t, locale] = await Promise.all([
    budgetTable(),
    getTranslations("admin.budgets"),
    getLocale(),
  ]);
  const n = new Intl.NumberFormat(locale);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card>
        <h2 className="mb-3 font-medium">{t("teamHeading")}</h2>
        <BudgetForm
          values={{
            timeZone: config.timeZone,
            currency: config.currency,
            teamTokens: config.team.tokens,
            teamMicros: config.team.micros,
            userTokens: config.userDefault.tokens,
            userMicros: config.userDefault.micros,
            requestsPerMinute: config.userDefault.requestsPerMinute,
            runningPerUser: config.runningPerUser,
            contact: config.contact,
          }}
        />
      </Card>
      <Card>
        <h2 className="font-medium">{t("usersHeading")}</h2>
        <p className="mb-2 text-xs text-fg-muted">{t("usersIntro")}</p>
        {users.map((user) => (
          <UserLimitsForm
            key={user.id}
            user={user}
            currency={config.currency}
            used={t("used", { tokens: n.format(user.tokens), cost: formatMoney(user.micros, config.currency, locale) })}
          />
        ))}
      </Card>
    </div>
  );
}
