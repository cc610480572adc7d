import type { Metadata } from "next";
import { ConnectionForm } from "@/components/admin/connection-form";
import { ConnectionList } from "@/components/admin/connection-list";
import { requireAdmin } from "@/lib/auth/session";
import { connectionRows } from "@/lib/providers/connection-admin";

export const metadata: Metadata = { title: "Platforms" };

export default async function PlatformsPage() {
  await requireAdmin();
  const rows = await connectionRows();
  return (
    <div className="flex flex-col gap-6">
      <section>
        <h1 className="text-xl font-semibold">Model platforms</h1>
        <p className="text-sm text-fg-muted">
          Where the team's GLM models come from. Keys are stored encrypted and never shown again; connections from
          environment variables can be tested here and changed only in the environment.
        </p>
      </section>
      <ConnectionList rows={rows} />
      <section className="rounded-xl border border-border bg-bg p-4">
        <h2 className="mb-3 font-medium">Add a platform</h2>
        <ConnectionForm />
      </section>
    </div>
  );
}
