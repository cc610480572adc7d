"use client";

import { useTranslations } from "use-intl/react";

/** A tool the platform runs itself (web search, code) was on for this answer; it reports nothing more. */
export function PlatformToolNote({ tool, platform }: { tool: "web-search" | "code-interpreter"; platform: string }) {
  const t = useTranslations("chat.platformTool");
  return (
    <p data-testid="platform-tool" className="my-1 flex items-center gap-1.5 text-xs text-fg-muted">
      <span aria-hidden>{tool === "web-search" ? "🔎" : "⌨"}</span>
      {tool === "web-search" ? t("webSearch", { platform }) : t("codeInterpreter", { platform })}
    </p>
  );
}
