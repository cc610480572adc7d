"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl/react";
import { deleteConnectionAction, testConnectionAction } from "@/app/(admin)/admin/platforms/actions";
import { useConfirm } from "@/components/ui/use-confirm";
import type { FormState } from "@/lib/api/form-state";
import type { ConnectionRow } from "@/lib/providers/connection-admin";
import { PLATFORMS, type PlatformId } from "@/lib/providers/platforms";
import { ConnectionForm, usePlatformName } from "./connection-form";

export function ConnectionList({ rows }: { rows: ConnectionRow[] }) {
  const t = useTranslations("admin.platforms");
  if (rows.length === 0) {
    return <p className="rounded-xl border border-border bg-bg p-4 text-sm text-fg-muted">{t("empty")}</p>;
  }
  return (
    <ul className="flex flex-col gap-3" aria-label={t("listLabel")}>
      {rows.map((row) => (
        <ConnectionItem key={row.id} row={row} />
      ))}
    </ul>
  );
}

function ConnectionItem({ row }: { row: ConnectionRow }) {
  const t = useTranslations("admin");
  const platformName = usePlatformName();
  const [result, setResult] = useState<FormState | null>(null);
  const [pending, start] = useTransition();
  const [ask, confirmation] = useConfirm();
  // A known platform is named here, in the user's language; an unknown one as the server words it.
  const known = PLATFORMS[row.platform as PlatformId]?.label === row.platformLabel;
  return (
    <>
      <li className="rounded-xl border border-border bg-bg p-4" data-testid="connection">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium">{row.label}</span>
          <span className="text-sm text-fg-muted">
            {known ? platformName(row.platform as PlatformId) : row.platformLabel}
          </span>
          {!row.enabled && <span className="rounded bg-muted px-1.5 text-xs">{t("list.disabled")}</span>}
          {row.source === "env" && (
            <span className="rounded bg-muted px-1.5 text-xs">{t("platforms.fromEnvironment")}</span>
          )}
          <div className="ml-auto flex gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => start(async () => setResult(await testConnectionAction(row.id)))}
              className="rounded-md border border-border px-3 py-1 text-sm hover:bg-muted disabled:opacity-60"
            >
              {pending ? t("platforms.testing") : t("platforms.test")}
            </button>
            {row.source === "admin" && (
              <button
                type="button"
                onClick={async () => {
                  const question = {
                    title: t("platforms.confirmRemove", { label: row.label }),
                    confirmLabel: t("list.remove"),
                  };
                  if (await ask(question)) {
                    start(async () => {
                      const removed = await deleteConnectionAction(row.id).catch(() => ({ ok: false }));
                      if (!removed.ok) {
                        setResult({
                          ok: false,
                          message: t("platforms.removeFailed", { label: row.label }),
                        });
                      }
                    });
                  }
                }}
                className="rounded-md border border-border px-3 py-1 text-sm text-danger hover:bg-muted"
              >
                {t("list.remove")}
              </button>
            )}
          </div>
        </div>
        <p className="mt-1 break-all text-sm text-fg-muted">
          {t("platforms.details", { baseUrl: row.baseUrl, key: row.keyHint ?? t("list.none") })}
        </p>
        {row.problem && (
          <p role="alert" className="mt-2 text-sm text-danger" data-testid="connection-problem">
            {t("platforms.problem", { problem: row.problem })}
          </p>
        )}
        {result && (
          <p
            role="status"
            className={`mt-2 text-sm ${result.ok ? "text-fg" : "text-danger"}`}
            data-testid="test-result"
          >
            {result.message}
          </p>
        )}
        {row.source === "admin" && (
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-fg-muted">{t("list.edit")}</summary>
            <div className="mt-2">
              <ConnectionForm initial={{ ...row, platform: row.platform as PlatformId }} />
            </div>
          </details>
        )}
      </li>
      {confirmation}
    </>
  );
}
