import type { Metadata } from "next";
import { McpServerForm } from "@/components/admin/mcp-server-form";
import { McpServerList } from "@/components/admin/mcp-server-list";
import { requireAdmin } from "@/lib/auth/session";
import { mcpServerRows } from "@/lib/mcp/servers";

export const metadata: Metadata = { title: "MCP servers" };

export default async function McpPage() {
  await requireAdmin();
  const rows = await mcpServerRows();
  return (
    <div className="flex flex-col gap-6">
      <section>
        <h1 className="text-xl font-semibold">MCP servers</h1>
        <p className="text-sm text-fg-muted">
          Tools from Model Context Protocol servers (Streamable HTTP), offered to the models in every chat that has
          Tools on. Choose which tools are offered; those marked “Ask first” wait for the user to approve each call.
        </p>
      </section>
      <McpServerList rows={rows} />
      <section className="rounded-xl border border-border bg-bg p-4">
        <h2 className="mb-3 font-medium">Add an MCP server</h2>
        <McpServerForm />
      </section>
    </div>
  );
}
