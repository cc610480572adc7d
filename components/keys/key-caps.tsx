"use client";

import { useId } from "react";
import { useTranslations } from "use-intl/react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { KeyCaps } from "@/lib/shared/api-keys";
import { readCount } from "@/lib/shared/spend/form-input";
import { MICROS, parseMoney } from "@/lib/shared/spend/money";

// A key's own monthly caps as two optional fields (tokens, money in the team's currency), used
// by the new-key form and the caps dialog; lib/shared/api-keys checks them again on the server.

/** The caps the form holds, as the API takes them; "invalid" when a field is not a cap. */
export function capsFromForm(data: FormData): Required<KeyCaps> | "invalid" {
  const tokens = readCount(String(data.get("monthlyTokens") ?? ""));
  const micros = parseMoney(String(data.get("monthlyMoney") ?? ""));
  if (tokens === "invalid" || micros === "invalid") return "invalid";
  return { monthlyTokens: tokens, monthlyMoney: micros === null ? null : micros / MICROS };
}

export function KeyCapFields({
  currency,
  tokens = null,
  micros = null,
}: {
  currency: string;
  /** The caps in force (the dialog), blank for none. */
  tokens?: number | null;
  micros?: number | null;
}) {
  const t = useTranslations("keys");
  const tokensId = useId();
  const moneyId = useId();
  return (
    <>
      <div className="flex w-44 flex-col gap-1">
        <Label htmlFor={tokensId}>{t("capTokens")}</Label>
        <Input
          id={tokensId}
          name="monthlyTokens"
          inputMode="numeric"
          placeholder={t("capPlaceholder")}
          defaultValue={tokens ?? ""}
        />
      </div>
      <div className="flex w-44 flex-col gap-1">
        <Label htmlFor={moneyId}>{t("capMoney", { currency })}</Label>
        <Input
          id={moneyId}
          name="monthlyMoney"
          inputMode="decimal"
          placeholder={t("capPlaceholder")}
          defaultValue={micros === null ? "" : micros / MICROS}
        />
      </div>
    </>
  );
}
