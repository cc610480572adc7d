"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl/react";
import { useChatFormat } from "./format";

// The model's thinking: open while it streams, collapsed to "Thought for …" once the answer
// starts, and reopenable. The duration is the server's figure once known (and after reload),
// the browser's own measurement until then.
export function ReasoningBlock({
  text,
  active,
  durationMs,
  tokens,
}: {
  text: string;
  active: boolean;
  durationMs: number | null | undefined;
  /** Reasoning tokens the platform reported for the answer (shown once the answer is settled). */
  tokens?: number;
}) {
  const t = useTranslations("chat.reasoning");
  const format = useChatFormat();
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const startedAt = useRef<number | null>(active ? Date.now() : null);
  const [localMs, setLocalMs] = useState<number | null>(null);

  useEffect(() => {
    if (!active && startedAt.current !== null && localMs === null) setLocalMs(Date.now() - startedAt.current);
  }, [active, localMs]);

  const open = userOpen ?? active;
  const shownMs = durationMs ?? localMs;
  const base = active
    ? t("thinking")
    : shownMs != null
      ? t("thoughtFor", { duration: format.seconds(shownMs) })
      : t("thoughts");
  const label = !active && tokens ? t("withTokens", { label: base, count: format.tokens(tokens) }) : base;

  return (
    <div className="my-2 rounded-lg border border-border" data-testid="reasoning" data-state={open ? "open" : "closed"}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setUserOpen(!open)}
        className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm text-fg-muted hover:text-fg"
      >
        <span aria-hidden className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>
          ▸
        </span>
        <span className={active ? "animate-pulse" : undefined}>{label}</span>
      </button>
      {open && (
        <div
          data-testid="reasoning-text"
          className="whitespace-pre-wrap border-t border-border px-3 py-2 text-sm leading-relaxed text-fg-muted"
        >
          {text}
        </div>
      )}
    </div>
  );
}
