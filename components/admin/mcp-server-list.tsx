"use client";

import { useState, useTransition } from "react";
import { deleteMcpServerAction, discoverMcpToolsAction, saveMcpToolChoicesAction } from "@/lib/mcp/mcp-actions";
import type { McpServerRow } from "@/lib/mcp/servers";
import { McpServerForm } from "./mcp-server-form";

type Result = { ok: boolean; message: string } | null;

export function McpServerList({ rows }: { rows: McpServerRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-border bg-bg p-4 text-sm text-fg-muted">No MCP server is connected.</p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="MCP servers">
      {rows.map((row) => (
        <McpServerItem key={row.id} row={row} />
      ))}
    </ul>
  );
}

function McpServerItem({ row }: { row: McpServerRow }) {
  const [result, setResult] = useState<Result>(null);
  const [pending, start] = useTransition();
  return (
    <li className="rounded-xl border border-border bg-bg p-4" data-testid="mcp-server" aria-label={row.name}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{row.name}</span>
        {!row.enabled && <span className="rounded bg-muted px-1.5 text-xs">disabled</span>}
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            disabled={pending}
            onClick={() => start(async () => setResult(await discoverMcpToolsAction(row.id)))}
            className="rounded-md border border-border px-3 py-1 text-sm hover:bg-muted disabled:opacity-60"
          >
            {pending ? "Working…" : row.discoveredAt ? "Discover again" : "Discover tools"}
          </button>
          <button
            type="button"
            onClick={() => {
              if (!window.confirm(`Remove "${row.name}"? Its tools stop being offered.`)) return;
              start(async () => {
                const removed = await deleteMcpServerAction(row.id).catch(() => ({ ok: false }));
                if (!removed.ok) setResult({ ok: false, message: "It could not be removed: reload and try again." });
              });
            }}
            className="rounded-md border border-border px-3 py-1 text-sm text-danger hover:bg-muted"
          >
            Remove
          </button>
        </div>
      </div>
      <p className="mt-1 break-all text-sm text-fg-muted">
        {row.url} · token {row.tokenHint ?? "none"}
      </p>
      {result && (
        <p role="status" className={`mt-2 text-sm ${result.ok ? "text-fg" : "text-danger"}`} data-testid="mcp-result">
          {result.message}
        </p>
      )}
      {row.tools.length > 0 && <ToolChoices row={row} />}
      <details className="mt-2">
        <summary className="cursor-pointer text-sm text-fg-muted">Edit</summary>
        <div className="mt-2">
          <McpServerForm initial={row} />
        </div>
      </details>
    </li>
  );
}

/** Which of the server's tools the model is offered, and which ask the user first. */
function ToolChoices({ row }: { row: McpServerRow }) {
  const [choices, setChoices] = useState(() =>
    Object.fromEntries(row.tools.map((t) => [t.name, { enabled: t.enabled, askFirst: t.askFirst }])),
  );
  const [result, setResult] = useState<Result>(null);
  const [pending, start] = useTransition();
  const set = (name: string, key: "enabled" | "askFirst", value: boolean) =>
    setChoices((all) => ({ ...all, [name]: { ...all[name], [key]: value } }));
  return (
    <form
      className="mt-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => setResult(await saveMcpToolChoicesAction(row.id, choices)));
      }}
    >
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-xs text-fg-muted">
          Tools found {row.discoveredAt ? `on ${row.discoveredAt.toLocaleString("en")}` : ""}. New tools start off.
        </caption>
        <thead className="text-xs text-fg-muted">
          <tr>
            <th className="py-1 font-medium">Tool (as the model sees it)</th>
            <th className="py-1 font-medium">Offered</th>
            <th className="py-1 font-medium">Ask first</th>
          </tr>
        </thead>
        <tbody>
          {row.tools.map((tool) => (
            <tr key={tool.name} className="border-t border-border align-top">
              <td className="py-1.5 pr-2">
                <code>{tool.modelName}</code>
                {tool.description && <p className="text-xs text-fg-muted">{tool.description}</p>}
              </td>
              <td className="py-1.5">
                <input
                  type="checkbox"
                  aria-label={`Offer ${tool.name}`}
                  checked={choices[tool.name]?.enabled ?? false}
                  onChange={(e) => set(tool.name, "enabled", e.target.checked)}
                  className="accent-accent"
                />
              </td>
              <td className="py-1.5">
                <input
                  type="checkbox"
                  aria-label={`Ask before ${tool.name} runs`}
                  checked={choices[tool.name]?.askFirst ?? true}
                  onChange={(e) => set(tool.name, "askFirst", e.target.checked)}
                  className="accent-accent"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-accent px-3 py-1 text-sm font-medium text-accent-fg disabled:opacity-60"
        >
          {pending ? "Saving…" : "Save tool choices"}
        </button>
        {result && (
          <p role="status" className={`text-sm ${result.ok ? "text-fg-muted" : "text-danger"}`}>
            {result.message}
          </p>
        )}
      </div>
    </form>
  );
}
