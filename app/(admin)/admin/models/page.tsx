import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { ModelsForm } from "@/components/admin/team/models-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { listConnections, modelsOf } from "@/lib/providers/connections";
import { MODEL_IDS, MODELS } from "@/lib/shared/catalog/models";
import { loadTeamPolicy } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.models");
  return { title: t("title") };
}

export default async function ModelsPage() {
  await requireAdmin();
  const [connections, policy, t] = await Promise.all([
    listConnections(),
    loadTeamPolicy(),
    getTranslations("admin.models"),
  ]);
  const served = await Promise.all(connections.map(async (c) => ({ label: c.label, models: await modelsOf(c) })));
  const models = MODEL_IDS.map((id) => ({
    id,
    label: MODELS[id].label,
    offeredBy: served.filter((c) => c.models.has(id)).map((c) => c.label),
    enabled: policy.enabledModels.includes(id),
  }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card>
        <ModelsForm
          models={models}
          connections={connections.map((c) => ({ id: c.id, label: c.label }))}
          defaultModel={policy.defaultModel}
          defaultConnection={policy.defaultConnectionId}
        />
      </Card>
    </div>
  );
}
