import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cardVariants } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { PLATFORMS, type PlatformId } from "@/lib/shared/platforms";
import { formatMoney } from "@/lib/shared/spend/money";
import type { Figures, UsageReport } from "@/lib/spend/reports";

// The usage pages' tables: per model, platform, user, API key or conversation, largest cost first.

type Row = Figures & { key: string; label: React.ReactNode };

/** The figure columns after the row's name, in order. */
const FIGURE_COLUMNS = ["calls", "input", "output", "tokens", "cost"] as const;

export async function FiguresTable({
  caption,
  head,
  rows,
  currency,
  testId,
  wide = false,
}: {
  wide?: boolean;
  caption: string;
  head: string;
  rows: Row[];
  currency: string;
  testId: string;
}) {
  const [t, locale] = await Promise.all([getTranslations("usage.table"), getLocale()]);
  const n = new Intl.NumberFormat(locale);
  return (
    <ScrollRegion label={caption} className={cn(cardVariants({ padding: "sm" }), wide && "lg:col-span-2")}>
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="mb-2 text-left font-medium">{caption}</caption>
        <thead className="text-left text-fg-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-normal">
              {head}
            </th>
            {FIGURE_COLUMNS.map((column) => (
              <th key={column} scope="col" className="py-1 pr-3 text-right font-normal last:pr-0">
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="py-2 text-fg-muted">
                {t("none")}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-border" data-testid={`${testId}-row`}>
              <th scope="row" className="max-w-64 truncate py-1 pr-3 text-left font-normal">
                {r.label}
                {r.estimated > 0 && (
                  <span className="ml-1 text-xs text-fg-muted">({t("estimated", { count: r.estimated })})</span>
                )}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{n.format(r.calls)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{n.format(r.inputTokens)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{n.format(r.outputTokens)}</td>
              <td className="py-1 pr-3 text-right tabular-nums" data-testid="tokens">
                {n.format(r.tokens)}
              </td>
              <td className="py-1 text-right tabular-nums" data-testid="cost">
                {/* No price, no cost: a dash rather than a zero that reads as free. */}
                {r.unpriced === r.calls ? "—" : formatMoney(r.micros, currency, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export async function ReportTables({ report, team }: { report: UsageReport; team: boolean }) {
  const t = await getTranslations("usage.table");
  const { currency } = report;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {team && (
        <FiguresTable
          caption={t("byUser")}
          head={t("user")}
          currency={currency}
          testId="usage-by-user"
          wide
          rows={report.users.map((u) => ({ ...u, key: u.userId, label: u.name ? `${u.name} <${u.email}>` : u.email }))}
        />
      )}
      <FiguresTable
        caption={t("byModel")}
        head={t("model")}
        currency={currency}
        testId="usage-by-model"
        rows={report.models.map((m) => ({ ...m, key: m.model, label: m.model }))}
      />
      <FiguresTable
        caption={t("byPlatform")}
        head={t("platform")}
        currency={currency}
        testId="usage-by-platform"
        rows={report.platforms.map((p) => ({
          ...p,
          key: p.platform,
          label: PLATFORMS[p.platform as PlatformId]?.label ?? p.platform,
        }))}
      />
      {/* API calls per key, when there were any: the key's name and prefix, its owner on Team usage. */}
      {report.keys.length > 0 && (
        <FiguresTable
          caption={t("byKey")}
          head={t("key")}
          currency={currency}
          testId="usage-by-key"
          wide={team}
          rows={report.keys.map((k) => ({
            ...k,
            key: k.id,
            label: (
              <span className="inline-flex flex-wrap items-center gap-x-2">
                <span>{k.name}</span>
                <span className="font-mono text-xs text-fg-muted">{k.prefix}…</span>
                {team && (
                  <span className="text-fg-muted">
                    {k.owner.name ? `${k.owner.name} <${k.owner.email}>` : k.owner.email}
                  </span>
                )}
                {k.revoked && <Badge>{t("revoked")}</Badge>}
              </span>
            ),
          }))}
        />
      )}
      {/* Conversations are private: only their owner sees them here, not an admin. */}
      {!team && (
        <FiguresTable
          caption={t("topConversations")}
          head={t("conversation")}
          currency={currency}
          testId="usage-top-conversations"
          rows={report.conversations.map((c) => ({
            ...c,
            key: c.id,
            label: (
              <Link href={`/chat/${c.id}`} className="underline-offset-4 hover:underline">
                {c.title}
              </Link>
            ),
          }))}
        />
      )}
    </div>
  );
}
