import Link from "next/link";
import { requireAdmin } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="min-h-dvh bg-panel">
      <header className="flex items-center gap-4 border-b border-border bg-bg px-4 py-2">
        <Link href="/" className="font-semibold">
          GLM Chat
        </Link>
        <nav aria-label="Administration" className="flex gap-3 text-sm">
          <Link href="/admin/platforms" className="underline-offset-4 hover:underline">
            Platforms
          </Link>
          <Link href="/admin/mcp" className="underline-offset-4 hover:underline">
            MCP servers
          </Link>
        </nav>
        <Link href="/" className="ml-auto text-sm text-fg-muted underline">
          Back to chat
        </Link>
      </header>
      <main className="mx-auto max-w-4xl p-4">{children}</main>
    </div>
  );
}
