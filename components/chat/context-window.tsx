"use client";

import { useLocale, useTranslations } from "use-intl/react";
import { compactTokens } from "@/lib/shared/catalog/profile";
import { latestContext } from "@/lib/shared/chat/context";
import type { ChatMessage } from "@/lib/shared/chat/message";

// What the model was sent of a long conversation (lib/chat/context): the header's meter — the
// latest answer's prompt against the model's window — and the marker above the first message
// that answer's model saw, when earlier ones were left out to fit the window: "not sent", or
// "summarized" when a summary of them went with the request (lib/chat/context/summary.ts).

/** "38K / 200K", explained in its title. Nothing before an answer recorded what it sent. */
export function ContextMeter({ messages }: { messages: readonly ChatMessage[] }) {
  const t = useTranslations("chat.context");
  const locale = useLocale();
  const context = latestContext(messages);
  if (!context) return null;
  const sent = compactTokens(context.tokens, locale);
  const window = compactTokens(context.window, locale);
  const summary = context.summarized
    ? t("meterSummary", { tokens: compactTokens(context.summaryTokens ?? 0, locale) })
    : "";
  return (
    <span
      className="hidden text-xs tabular-nums text-fg-muted sm:inline"
      data-testid="context-meter"
      title={t("meterDetail", { sent, window, omitted: context.omitted, leaned: context.leaned ?? 0 }) + summary}
    >
      <span aria-hidden>{t("meter", { sent, window })}</span>
      <span className="sr-only">{t("meterLabel", { sent, window })}</span>
    </span>
  );
}

/**
 * The line above the first message the latest answer's model saw: "summarized" when a summary
 * of the messages left out was sent (`summarized`, from the answer's context figures), else "not sent".
 */
export function NotSentMarker({ omitted, summarized = false }: { omitted: number; summarized?: boolean }) {
  const t = useTranslations("chat.context");
  return (
    <div
      role="note"
      data-testid="context-marker"
      data-summarized={summarized || undefined}
      title={summarized ? t("summarizedDetail", { omitted }) : t("notSentDetail", { omitted })}
      className="flex items-center gap-3 text-xs text-fg-muted"
    >
      <span aria-hidden className="h-px flex-1 bg-border" />
      <span>{summarized ? t("summarized") : t("notSent")}</span>
      <span aria-hidden className="h-px flex-1 bg-border" />
    </div>
  );
}
