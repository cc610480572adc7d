"use client";

import { useTranslations } from "use-intl/react";

/** A tool the platform runs itself (its web search) was on for this answer; it reports nothing more. */
export function PlatformToolNote({ platform }: { platform: string }) {
  const t = useTranslations("chat.platformTool");
  return (
    <p data-testid="platform-tool" className="my-1 flex items-center gap-1.5 text-xs text-fg-muted">
      <span aria-hidden>🔎</span>
      {t("webSearch", { platform })}
    </p>
  );
}
