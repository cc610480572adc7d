"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useLocale, useTranslations } from "use-intl/react";
import { setLocaleAction } from "@/app/actions";
import { LOCALE_NAMES, LOCALES } from "@/lib/shared/locales";
import { NativeSelect } from "./ui/native-select";

/** Switches the interface language; the choice is kept (a cookie) and the page re-rendered. */
export function LanguageSwitch() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <NativeSelect
      size="xs"
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
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </NativeSelect>
  );
}
