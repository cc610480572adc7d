import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";

/** The admin pages, in the order the navigation shows them (each also names its label). */
const SECTIONS = ["users", "platforms", "models", "mcp", "prices", "budgets", "storage", "usage"] as const;

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
          {SECTIONS.map((section) => (
            <Link key={section} href={`/admin/${section}`} className="underline-offset-4 hover:underline">
              {t(section)}
            </Link>
          ))}
        </nav>
        <Link href="/" className="ml-auto text-sm text-fg-muted underline">
          {t("backToChat")}
        </Link>
      </header>
      <main className="mx-auto max-w-4xl p-4">{children}</main>
    </div>
  );
}
