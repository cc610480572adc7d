"use client";

import { useFormatter, useTranslations } from "use-intl/react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { megabytes, NEAR_QUOTA, QUOTA_NAMES, type QuotaName, type Quotas } from "@/lib/shared/quotas";
import type { NearQuotaRow } from "@/lib/storage/storage";

/** The people at 80 % or more of any quota, each quota's figures; the ones that near it in bold. */
export function NearQuotaTable({ users, quotas }: { users: NearQuotaRow[]; quotas: Quotas }) {
  const t = useTranslations("admin.storage");
  const format = useFormatter();
  if (users.length === 0) return <p className="text-sm text-fg-muted">{t("nobody")}</p>;
  const figure = (quota: QuotaName, value: number) =>
    quota === "bytes" ? t("megabytes", { value: format.number(megabytes(value)) }) : format.number(value);
  const heading: Record<QuotaName, string> = {
    bytes: t("bytes"),
    conversations: t("conversations"),
    shares: t("shares"),
    presets: t("presets"),
  };
  return (
    <ScrollRegion label={t("nearLabel")}>
      <table className="w-full text-left text-sm" data-testid="near-quota">
        <caption className="sr-only">{t("nearLabel")}</caption>
        <thead className="text-fg-muted">
          <tr>
            <th className="py-1 pr-3 font-medium">{t("person")}</th>
            {QUOTA_NAMES.map((quota) => (
              <th key={quota} className="py-1 pr-3 font-medium">
                {heading[quota]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {users.map((user) => (
            <tr key={user.userId}>
              <td className="py-2 pr-3">
                <span className="block font-medium">{user.email}</span>
                {user.name && <span className="block text-xs text-fg-muted">{user.name}</span>}
              </td>
              {QUOTA_NAMES.map((quota) => {
                const share = quotas[quota] > 0 ? user.use[quota] / quotas[quota] : 1;
                return (
                  <td key={quota} className={`py-2 pr-3 tabular-nums ${share >= NEAR_QUOTA ? "font-semibold" : ""}`}>
                    {t("usedOf", {
                      used: figure(quota, user.use[quota]),
                      limit: figure(quota, quotas[quota]),
                      share: format.number(share, { style: "percent", maximumFractionDigits: 0 }),
                    })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
