"use client";

import { useFormatter, useLocale, useTranslations } from "use-intl/react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ApiKeyView } from "@/lib/shared/api-keys";
import { formatMoney } from "@/lib/shared/spend/money";

export type KeyRow = ApiKeyView & { owner?: { email: string; name: string | null } };

/** API keys as a table: name, first characters, dates, this month's usage and caps, status, Caps and Revoke. */
export function KeyTable({
  keys,
  currency,
  label,
  ownerLabel,
  pending,
  onRevoke,
  onEditCaps,
}: {
  keys: KeyRow[];
  currency: string;
  label: string;
  /** The owner column's heading: shown when given (the admin's list of everyone's keys). */
  ownerLabel?: string;
  pending: boolean;
  onRevoke: (key: KeyRow) => void;
  /** Opens the key's caps (its owner's list only). */
  onEditCaps?: (key: KeyRow) => void;
}) {
  const t = useTranslations("keys");
  const format = useFormatter();
  const locale = useLocale();
  const when = (date: Date | string | null, none: string) =>
    date ? format.dateTime(new Date(date), { dateStyle: "medium", timeStyle: "short" }) : none;
  return (
    <ScrollRegion label={label}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="text-fg-muted">
          <tr>
            <th className="py-1 pr-3 font-medium">{t("keyName")}</th>
            {ownerLabel && <th className="py-1 pr-3 font-medium">{ownerLabel}</th>}
            <th className="py-1 pr-3 font-medium">{t("key")}</th>
            <th className="py-1 pr-3 font-medium">{t("created")}</th>
            <th className="py-1 pr-3 font-medium">{t("lastUsed")}</th>
            <th className="py-1 pr-3 font-medium">{t("expires")}</th>
            <th className="py-1 pr-3 font-medium">{t("usage")}</th>
            <th className="py-1 pr-3 font-medium">{t("status")}</th>
            <th className="py-1 font-medium">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {keys.map((key) => (
            <tr key={key.id} data-testid="api-key" data-name={key.name}>
              <td className="py-2 pr-3 font-medium break-all">{key.name}</td>
              {ownerLabel && <td className="py-2 pr-3">{key.owner?.name ?? key.owner?.email}</td>}
              <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap">{key.prefix}…</td>
              <td className="py-2 pr-3 text-fg-muted">{when(key.createdAt, "")}</td>
              <td className="py-2 pr-3 text-fg-muted">{when(key.lastUsedAt, t("neverUsed"))}</td>
              <td className="py-2 pr-3 text-fg-muted">{when(key.expiresAt, t("noExpiry"))}</td>
              <td className="py-2 pr-3 text-fg-muted whitespace-nowrap">
                {t("tokens", { tokens: key.monthTokens })}
                {key.capTokens !== null && <> {t("ofTokens", { cap: key.capTokens })}</>}
                <span className="block text-xs">
                  {formatMoney(key.monthMicros, currency, locale)}
                  {key.capMicros !== null && <> / {formatMoney(key.capMicros, currency, locale)}</>}
                </span>
              </td>
              <td className="py-2 pr-3">
                <Badge variant={key.status === "active" ? "accent" : key.status === "expired" ? "warn" : "neutral"}>
                  {t(`statuses.${key.status}`)}
                </Badge>
              </td>
              <td className="py-2 text-right whitespace-nowrap">
                {onEditCaps && key.status === "active" && (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    aria-label={t("editCapsOf", { name: key.name })}
                    onClick={() => onEditCaps(key)}
                  >
                    {t("editCaps")}
                  </Button>
                )}
                {key.status !== "revoked" && (
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    disabled={pending}
                    aria-label={t("revokeOf", { name: key.name })}
                    onClick={() => onRevoke(key)}
                  >
                    {t("revoke")}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
