"use client";

import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl/react";
import {
  deleteMcpServerAction,
  discoverMcpToolsAction,
  saveMcpToolChoicesAction,
} from "@/app/(admin)/admin/mcp/actions";
import { useConfirm } from "@/components/ui/use-confirm";
import type { FormState } from "@/lib/api/form-state";
import type { McpServerRow } from "@/lib/mcp/servers";
import { McpServerForm } from "./mcp-server-form";

type Result = FormState | null;

export function McpServerList({ rows }: { rows: McpServerRow[] }) {
  const t = useTranslations("admin.mcp");
  if (rows.length === 0) {
    return <p className="rounded-xl border border-border bg-bg p-4 text-sm text-fg-muted">{t("empty")}</p>;
  }
  return (
    <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
      {rows.map((row) => (
        <McpServerItem key={row.id} row={row} />
      ))}
    </ul>
  );
}

function McpServerItem({ row }: { row: McpServerRow }) {
  const t = useTranslations("admin");
  const [result, setResult] = useState<Result>(null);
  const [pending, start] = useTransition();
  const [ask, confirmation] = useConfirm();
  return (
    <>
      <li className="rounded-xl border border-border bg-bg p-4" data-testid="mcp-server" aria-label={row.name}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium">{row.name}</span>
          {!row.enabled && <span className="rounded bg-muted px-1.5 text-xs">{t("list.disabled")}</span>}
          <div className="ml-auto flex gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => start(async () => setResult(await discoverMcpToolsAction(row.id)))}
              className="rounded-md border border-border px-3 py-1 text-sm hover:bg-muted disabled:opacity-60"
            >
              {pending ? t("mcp.working") : row.discoveredAt ? t("mcp.discoverAgain") : t("mcp.discover")}
            </button>
            <button
              type="button"
              onClick={async () => {
                if (
                  !(await ask({ title: t("mcp.confirmRemove", { name: row.name }), confirmLabel: t("list.remove") }))
                ) {
                  return;
                }
                start(async () => {
                  const removed = await deleteMcpServerAction(row.id).catch(() => ({ ok: false }));
                  if (!removed.ok) setResult({ ok: false, message: t("mcp.removeFailed") });
                });
              }}
              className="rounded-md border border-border px-3 py-1 text-sm text-danger hover:bg-muted"
            >
              {t("list.remove")}
            </button>
          </div>
        </div>
        <p className="mt-1 break-all text-sm text-fg-muted">
          {t("mcp.details", { url: row.url, token: row.tokenHint ?? t("list.none") })}
        </p>
        {result && (
          <p role="status" className={`mt-2 text-sm ${result.ok ? "text-fg" : "text-danger"}`} data-testid="mcp-result">
            {result.message}
          </p>
        )}
        {row.tools.length > 0 && <ToolChoices row={row} />}
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-fg-muted">{t("list.edit")}</summary>
          <div className="mt-2">
            <McpServerForm initial={row} />
          </div>
        </details>
      </li>
      {confirmation}
    </>
  );
}

/** Which of the server's tools the model is offered, and which ask the user first. */
function ToolChoices({ row }: { row: McpServerRow }) {
  const t = useTranslations("admin");
  const locale = useLocale();
  const [choices, setChoices] = useState(() =>
    Object.fromEntries(row.tools.map((tool) => [tool.name, { enabled: tool.enabled, askFirst: tool.askFirst }])),
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
        start(async () => setResult(await saveMcpToolChoicesAction({ id: row.id, choices })));
      }}
    >
      <table className="w-full text-left text-sm">
        {/* The date is formatted in the server's time zone, then in the viewer's. */}
        <caption className="mb-1 text-left text-xs text-fg-muted" suppressHydrationWarning>
          {row.discoveredAt
            ? t("mcp.toolsFoundOn", { date: row.discoveredAt.toLocaleString(locale) })
            : t("mcp.toolsFound")}
        </caption>
        <thead className="text-xs text-fg-muted">
          <tr>
            <th className="py-1 font-medium">{t("mcp.toolColumn")}</th>
            <th className="py-1 font-medium">{t("mcp.offeredColumn")}</th>
            <th className="py-1 font-medium">{t("mcp.askFirstColumn")}</th>
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
                  aria-label={t("mcp.offer", { tool: tool.name })}
                  checked={choices[tool.name]?.enabled ?? false}
                  onChange={(e) => set(tool.name, "enabled", e.target.checked)}
                  className="accent-accent"
                />
              </td>
              <td className="py-1.5">
                <input
                  type="checkbox"
                  aria-label={t("mcp.askBefore", { tool: tool.name })}
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
          {pending ? t("form.saving") : t("mcp.saveChoices")}
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
