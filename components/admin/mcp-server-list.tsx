"use client";

import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "use-intl/react";
import {
  deleteMcpServerAction,
  discoverMcpToolsAction,
  saveMcpToolChoicesAction,
} from "@/app/(admin)/admin/mcp/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, cardVariants } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Switch } from "@/components/ui/switch";
import { useConfirm } from "@/components/ui/use-confirm";
import type { McpServerRow } from "@/lib/mcp/servers";
import type { FormState } from "@/lib/shared/form-state";
import { FormStatus } from "./field";
import { McpServerForm } from "./mcp-server-form";

type Result = FormState | null;

export function McpServerList({ rows }: { rows: McpServerRow[] }) {
  const t = useTranslations("admin.mcp");
  if (rows.length === 0) {
    return (
      <Card>
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      </Card>
    );
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
      <li className={cardVariants()} data-testid="mcp-server" aria-label={row.name}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium">{row.name}</span>
          {!row.enabled && <Badge>{t("list.disabled")}</Badge>}
          <div className="ml-auto flex gap-2">
            <Button
              size="sm"
              disabled={pending}
              onClick={() => start(async () => setResult(await discoverMcpToolsAction(row.id)))}
            >
              {pending ? t("mcp.working") : row.discoveredAt ? t("mcp.discoverAgain") : t("mcp.discover")}
            </Button>
            <Button
              variant="danger-ghost"
              size="sm"
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
            >
              {t("list.remove")}
            </Button>
          </div>
        </div>
        <p className="mt-1 break-all text-sm text-fg-muted">
          {t("mcp.details", { url: row.url, token: row.tokenHint ?? t("list.none") })}
        </p>
        {result && (
          <p
            role="status"
            className={cn("mt-2 text-sm", result.ok ? "text-fg" : "text-danger")}
            data-testid="mcp-result"
          >
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
                <Switch
                  aria-label={t("mcp.offer", { tool: tool.name })}
                  checked={choices[tool.name]?.enabled ?? false}
                  onCheckedChange={(checked) => set(tool.name, "enabled", checked)}
                />
              </td>
              <td className="py-1.5">
                <Switch
                  aria-label={t("mcp.askBefore", { tool: tool.name })}
                  checked={choices[tool.name]?.askFirst ?? true}
                  onCheckedChange={(checked) => set(tool.name, "askFirst", checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex items-center gap-3">
        <Button type="submit" variant="primary" size="sm" disabled={pending}>
          {pending ? t("form.saving") : t("mcp.saveChoices")}
        </Button>
        {result && <FormStatus state={result} />}
      </div>
    </form>
  );
}
