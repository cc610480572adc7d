"use client";

import { type AbstractIntlMessages, type IntlError, IntlErrorCode } from "use-intl";
import { IntlProvider } from "use-intl/react";
import type { Locale } from "@/lib/shared/locales";

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
    <IntlProvider locale={locale} messages={messages} onError={reportIntlError}>
      {children}
    </IntlProvider>
  );
}

/**
 * Missing or broken messages are reported; the missing time zone is not: dates are formatted
 * in the viewer's own zone on purpose (the server cannot know it).
 */
function reportIntlError(error: IntlError) {
  if (error.code !== IntlErrorCode.ENVIRONMENT_FALLBACK) console.error(error);
}
