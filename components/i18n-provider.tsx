"use client";

import type { AbstractIntlMessages } from "use-intl";
import { IntlProvider } from "use-intl/react";
import type { Locale } from "@/lib/i18n/locales";

/** The interface language and its (precompiled) messages for client components. */
export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  children: React.ReactNode;
}) {
  return (
    <IntlProvider locale={locale} messages={messages}>
      {children}
    </IntlProvider>
  );
}
