"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl/react";
import { deleteConnectionAction, testConnectionAction } from "@/app/(admin)/admin/platforms/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, cardVariants } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { useConfirm } from "@/components/ui/use-confirm";
import type { ConnectionRow } from "@/lib/providers/connection-admin";
import type { FormState } from "@/lib/shared/form-state";
import { PLATFORMS, type PlatformId } from "@/lib/shared/platforms";
import { ConnectionForm, usePlatformName } from "./connection-form";

export function ConnectionList({ rows }: { rows: ConnectionRow[] }) {
  const t = useTranslations("admin.platforms");
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
      <li className={cardVariants()} data-testid="connection">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium">{row.label}</span>
          <span className="text-sm text-fg-muted">
            {known ? platformName(row.platform as PlatformId) : row.platformLabel}
          </span>
          {!row.enabled && <Badge>{t("list.disabled")}</Badge>}
          {row.source === "env" && <Badge>{t("platforms.fromEnvironment")}</Badge>}
          <div className="ml-auto flex gap-2">
            <Button
              size="sm"
              disabled={pending}
              onClick={() => start(async () => setResult(await testConnectionAction(row.id)))}
            >
              {pending ? t("platforms.testing") : t("platforms.test")}
            </Button>
            {row.source === "admin" && (
              <Button
                variant="danger-ghost"
                size="sm"
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
              >
                {t("list.remove")}
              </Button>
            )}
          </div>
        </div>
        <p className="mt-1 break-all text-sm text-fg-muted">
          {t("platforms.details", { baseUrl: row.baseUrl, key: row.keyHint ?? t("list.none") })}
        </p>
        {row.problem && (
          <Alert variant="danger" className="mt-2" data-testid="connection-problem">
            {t("platforms.problem", { problem: row.problem })}
          </Alert>
        )}
        {result && (
          <p
            role="status"
            className={cn("mt-2 text-sm", result.ok ? "text-fg" : "text-danger")}
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
