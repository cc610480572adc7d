import type { Metadata } from "next";
import { CurrencyForm } from "@/components/admin/currency-form";
import { MultiplierForm } from "@/components/admin/multiplier-form";
import { PageHeader } from "@/components/admin/page-header";
import { PriceForm } from "@/components/admin/price-form";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { priceTable } from "@/lib/spend/admin-views";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.prices");
  return { title: t("title") };
}

export default async function PricesPage() {
  await requireAdmin();
  const [table, t] = await Promise.all([priceTable(), getTranslations("admin.prices")]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card>
        <h2 className="mb-3 font-medium">{t("currencyHeading")}</h2>
        <CurrencyForm currency={table.currency} rates={table.rates} />
      </Card>
      {table.platforms.length === 0 && <p className="text-sm text-fg-muted">{t("noPlatforms")}</p>}
      {table.platforms.map((platform) => (
        <Card key={platform.id} aria-labelledby={`platform-${platform.id}`}>
          <h2 id={`platform-${platform.id}`} className="font-medium">
            {t("platformHeading", { platform: platform.label })}
          </h2>
          {platform.models.map((m) => (
            <PriceForm
              key={m.model}
              platform={platform.id}
              model={m.model}
              label={m.label}
              current={m.current}
              versions={m.versions}
              currency={table.currency}
            />
          ))}
          <div className="border-t border-border pt-3">
            <h3 className="font-medium">{t("multiplierHeading")}</h3>
            <p className="mb-2 text-xs text-fg-muted">{t("multiplierIntro")}</p>
            <MultiplierForm platform={platform.id} rule={platform.rule} />
          </div>
        </Card>
      ))}
    </div>
  );
}
