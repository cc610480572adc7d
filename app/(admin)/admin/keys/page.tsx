import type { Metadata } from "next";
import { AllKeys } from "@/components/admin/keys/all-keys";
import { ApiAccessForm } from "@/components/admin/keys/api-access-form";
import { PageHeader } from "@/components/admin/page-header";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { listAllApiKeys } from "@/lib/keys/keys";
import { spendConfig } from "@/lib/spend/config";
import { loadTeamPolicy } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.apiKeys");
  return { title: t("title") };
}

/** The team's API access switch and every member's keys (each person's own switch: Users). */
export default async function AdminApiKeysPage() {
  await requireAdmin();
  const [keys, policy, config, t] = await Promise.all([
    listAllApiKeys(),
    loadTeamPolicy(),
    spendConfig(),
    getTranslations("admin.apiKeys"),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card aria-labelledby="api-access-heading">
        <h2 id="api-access-heading" className="mb-3 font-medium">
          {t("accessHeading")}
        </h2>
        <ApiAccessForm on={policy.apiAccess} />
      </Card>
      <Card aria-labelledby="all-keys-heading">
        <h2 id="all-keys-heading" className="mb-3 font-medium">
          {t("keysHeading", { count: keys.length })}
        </h2>
        <AllKeys keys={keys} currency={config.currency} />
      </Card>
    </div>
  );
}
