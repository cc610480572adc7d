import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  const t = await getTranslations("admin.nav");
  return (
    <div className="min-h-dvh bg-panel">
      <header className="flex items-center gap-4 border-b border-border bg-bg px-4 py-2">
        <Link href="/" className="font-semibold">
          GLM Chat
        </Link>
        <nav aria-label={t("label")} className="flex flex-wrap gap-3 text-sm">
          <Link href="/admin/platforms" className="underline-offset-4 hover:underline">
            {t("platforms")}
          </Link>
          <Link href="/admin/mcp" className="underline-offset-4 hover:underline">
            {t("mcp")}
          </Link>
          <Link href="/admin/prices" className="underline-offset-4 hover:underline">
            {t("prices")}
          </Link>
          <Link href="/admin/budgets" className="underline-offset-4 hover:underline">
            {t("budgets")}
          </Link>
          <Link href="/admin/usage" className="underline-offset-4 hover:underline">
            {t("usage")}
          </Link>
        </nav>
        <Link href="/" className="ml-auto text-sm text-fg-muted underline">
          {t("backToChat")}
        </Link>
      </header>
      <main className="mx-auto max-w-4xl p-4">{children}</main>
    </div>
  );
}
