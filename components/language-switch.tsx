"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useLocale, useTranslations } from "use-intl/react";
import { setLocaleAction } from "@/app/actions";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

/** Switches the interface language; the choice is kept (a cookie) and the page re-rendered. */
export function LanguageSwitch() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <select
      aria-label={t("language")}
      value={locale}
      disabled={pending}
      onChange={(e) => {
        const next = e.target.value;
        start(async () => {
          await setLocaleAction(next);
          router.refresh();
        });
      }}
      className="rounded-md border border-border bg-bg px-1.5 py-0.5 text-xs"
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
