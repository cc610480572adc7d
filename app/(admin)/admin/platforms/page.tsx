import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { ConnectionList } from "@/components/admin/connection-list";
import { PageHeader } from "@/components/admin/page-header";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { connectionRows } from "@/lib/providers/connection-admin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.platforms");
  return { title: t("title") };
}

export default async function PlatformsPage() {
  await requireAdmin();
  const [rows, t] = await Promise.all([connectionRows(), getTranslations("admin.platforms")]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <ConnectionList rows={rows} />
      <Card>
        <h2 className="mb-3 font-medium">{t("addHeading")}</h2>
        <ConnectionForm />
      </Card>
    </div>
  );
}
