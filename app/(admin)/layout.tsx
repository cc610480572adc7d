import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { Button } from "@/components/ui/button";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";

/** The admin pages, in the order the navigation shows them (each also names its label). */
const SECTIONS = ["users", "platforms", "models", "mcp", "prices", "budgets", "storage", "usage", "keys"] as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  const t = await getTranslations("admin.nav");
  return (
    <div className="min-h-dvh bg-panel">
      <header className="border-b border-border bg-bg">
        <div className="flex items-center gap-3 px-4 pt-2">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            {/* biome-ignore lint/performance/noImgElement: a 20-px SVG, nothing for next/image to optimise */}
            <img src="/icon.svg" alt="" width={20} height={20} />
            GLM Chat
          </Link>
          <Button asChild variant="ghost" size="sm" className="ml-auto">
            <Link href="/">
              <ArrowLeftIcon aria-hidden />
              {t("backToChat")}
            </Link>
          </Button>
        </div>
        <AdminNav
          label={t("label")}
          sections={SECTIONS.map((section) => ({ href: `/admin/${section}`, title: t(section) }))}
        />
      </header>
      <main className="mx-auto max-w-4xl p-4">{children}</main>
    </div>
  );
}
