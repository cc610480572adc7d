import type { Metadata } from "next";
import { McpServerForm } from "@/components/admin/mcp-server-form";
import { McpServerList } from "@/components/admin/mcp-server-list";
import { PageHeader } from "@/components/admin/page-header";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { mcpServerRows } from "@/lib/mcp/servers";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.mcp");
  return { title: t("title") };
}

export default async function McpPage() {
  await requireAdmin();
  const [rows, t] = await Promise.all([mcpServerRows(), getTranslations("admin.mcp")]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <McpServerList rows={rows} />
      <Card>
        <h2 className="mb-3 font-medium">{t("addHeading")}</h2>
        <McpServerForm />
      </Card>
    </div>
  );
}
