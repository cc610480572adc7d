import "server-only";
import { createTranslator } from "use-intl/core";
import { AppError, type ErrorCode } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../shared/locales";
import { messagesFor } from "./messages";
import { getLocale } from "./server";
import type { Messages } from "./types";

// Errors the user sees are written once, in messages/<locale>/errors.json: created with their
// English text (for logs and API clients), and worded in the user's language where they leave
// the server (a route's JSON error, a streamed error, a saved answer's error).

type ErrorKey = Parameters<ReturnType<typeof translator>>[0];
type Values = Record<string, string | number>;

function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) as unknown as Messages, namespace: "errors" });
}

function word(locale: Locale, key: string, values?: Values): string {
  return (translator(locale) as (k: string, v?: Values) => string)(key, values);
}

export function appError(
  code: ErrorCode,
  key: ErrorKey,
  values?: Values,
  options?: { details?: unknown; cause?: unknown },
): AppError {
  return new AppError(code, word(DEFAULT_LOCALE, key, values), { ...options, text: { key, values } });
}

/** The same error, worded in `locale` (unchanged when it has no message key). */
export function localized(error: AppError, locale: Locale): AppError {
  if (!error.text || locale === DEFAULT_LOCALE) return error;
  return new AppError(error.code, word(locale, error.text.key, error.text.values), {
    details: error.details,
    cause: error.cause,
    text: error.text,
  });
}

/** The request's language, or English outside a request (tests, background work). */
export async function requestLocale(): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}
