import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createTranslator, IntlErrorCode, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { LOCALE_COOKIE, type Locale, resolveLocale } from "../shared/locales";
import { messagesFor } from "./messages";
import type { Messages } from "./types";

/** The request's interface language: the user's choice, else the browser's. */
export const getLocale = cache(async (): Promise<Locale> => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return resolveLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
});

/** Translations for server components and metadata. */
export async function getTranslations<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({
    locale,
    messages: messagesFor(locale) as unknown as Messages,
    namespace,
    // Only messages here, no dates: the missing time zone is not worth a log line.
    onError: (error) => {
      if (error.code !== IntlErrorCode.ENVIRONMENT_FALLBACK) console.error(error);
    },
  });
}
