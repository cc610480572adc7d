import { useFormatter, useLocale, useTranslations } from "use-intl/react";
import { formatMoney } from "@/lib/shared/spend/money";

/** Token counts, durations and speeds in the interface language. */
export function useChatFormat() {
  const t = useTranslations("chat.units");
  const format = useFormatter();
  const locale = useLocale();
  const fixed = (value: number, digits: number) =>
    format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return {
    tokens: (n: number) => format.number(n),
    /** A thinking or waiting time: hundredths under a second, minutes and seconds past a minute. */
    seconds(ms: number): string {
      if (ms < 1000) return t("seconds", { value: fixed(ms / 1000, 2) });
      if (ms < 60_000) return t("seconds", { value: fixed(ms / 1000, 1) });
      const minutes = Math.floor(ms / 60_000);
      const seconds = Math.round((ms % 60_000) / 1000);
      return t("minutesSeconds", { minutes: format.number(minutes), seconds: format.number(seconds) });
    },
    /** How long a tool ran: milliseconds under a second. */
    duration(ms: number): string {
      if (ms < 1000) return t("milliseconds", { value: format.number(ms) });
      return t("seconds", { value: fixed(ms / 1000, ms < 10_000 ? 1 : 0) });
    },
    money: (micros: number, currency: string) => formatMoney(micros, currency, locale),
    /** Output tokens per second: one decimal below 100. Ungrouped, as a rate reads best short. */
    rate: (rate: number) => {
      const digits = rate >= 100 ? 0 : 1;
      return format.number(rate, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    },
  };
}

/**
 * The user-facing text of an error from the chat API (a JSON error body or a stream error).
 * The server's messages are shown as sent; `wording` words the browser's own failures.
 */
export function errorText(error: Error, wording: (key: "unreachable" | "unknown") => string): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: a message streamed by the server, or a network failure
  }
  if (error.message === "Failed to fetch" || error.message.includes("NetworkError")) {
    return wording("unreachable");
  }
  return error.message || wording("unknown");
}

/** Output tokens per second after the first token; null when it cannot be told. */
export function tokensPerSecond(outputTokens: number, durationMs: number, ttftMs: number | null): number | null {
  const streaming = durationMs - (ttftMs ?? 0);
  if (outputTokens <= 0 || streaming < 50) return null;
  return outputTokens / (streaming / 1000);
}
