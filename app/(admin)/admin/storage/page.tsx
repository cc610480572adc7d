import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { NearQuotaTable } from "@/components/admin/storage/near-quota-table";
import { StorageQuotaForm } from "@/components/admin/storage/storage-quota-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { DEFAULT_QUOTAS, megabytes } from "@/lib/shared/quotas";
import { storageOverview } from "@/lib/storage/storage";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.storage");
  return { title: t("title") };
}

export default async function StoragePage() {
  await requireAdmin();
  const [{ quotas, custom, team, users }, t, locale] = await Promise.all([
    storageOverview(),
    getTranslations("admin.storage"),
    getLocale(),
  ]);
  const own = (quota: keyof typeof quotas) => (custom[quota] ? quotas[quota] : null);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card aria-labelledby="quotas-heading">
        <h2 id="quotas-heading" className="font-medium">
          {t("quotasHeading")}
        </h2>
        <p className="mb-3 text-sm text-fg-muted">{t("quotasIntro")}</p>
        <StorageQuotaForm
          values={{
            bytes: own("bytes"),
            conversations: own("conversations"),
            shares: own("shares"),
            presets: own("presets"),
          }}
          defaults={DEFAULT_QUOTAS}
        />
      </Card>
      <Card aria-labelledby="near-heading">
        <h2 id="near-heading" className="font-medium">
          {t("nearHeading")}
        </h2>
        <p className="mb-3 text-sm text-fg-muted">
          {t("nearIntro")}{" "}
          {t("team", {
            users: team.users,
            bytes: new Intl.NumberFormat(locale).format(megabytes(team.bytes)),
            conversations: team.conversations,
          })}
        </p>
        <NearQuotaTable users={users} quotas={quotas} />
      </Card>
    </div>
  );
}
