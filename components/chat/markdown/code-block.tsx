"use client";

import { type ReactNode, useEffect, useState } from "react";
import type { ThemedToken } from "shiki/core";
import { useTranslations } from "use-intl/react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { CopyButton } from "../copy-button";

// A fenced code block: its language and a Copy button above it; plain text at once, coloured when
// the highlighter (a lazy chunk) has tokenized it. Highlighting waits until the block stops
// changing, so a streaming block is not re-tokenized on every chunk.

const load = () => import("./highlight");

export function CodeBlock({ code, language }: { code: string; language?: string }) {
  const t = useTranslations("chat.markdown");
  const [tokens, setTokens] = useState<{ code: string; lines: ThemedToken[][] } | null>(null);

  useEffect(() => {
    if (!language) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void load()
        .then((m) => m.highlight(code, language))
        .then((lines) => {
          if (!cancelled && lines) setTokens({ code, lines });
        })
        .catch(() => {}); // an unknown grammar or a failed chunk: the plain text stays
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [code, language]);

  // Tokens of an older version of the code (still streaming) are not shown over the new text.
  const lines = tokens?.code === code ? tokens.lines : null;
  let body: ReactNode = code;
  if (lines) {
    body = lines.map((line, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, in order
      <span key={i} className="line">
        {line.map((token, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens of a fixed line, in order
          <span key={j} style={colours(token)}>
            {token.content}
          </span>
        ))}
        {i < lines.length - 1 ? "\n" : null}
      </span>
    ));
  }

  return (
    <div className="code-block my-3 overflow-hidden rounded-lg border border-border" data-testid="code-block">
      <div className="flex items-center justify-between bg-muted px-3 py-1 text-xs text-fg-muted">
        <span>{language ?? t("plainText")}</span>
        <CopyButton text={code} label={t("copyCode")} size="xs" />
      </div>
      <ScrollRegion label={language ?? t("plainText")}>
        <pre className="p-3 text-sm" data-highlighted={lines ? "true" : undefined}>
          <code>{body}</code>
        </pre>
      </ScrollRegion>
    </div>
  );
}

/** A token's light and dark colours as the CSS variables globals.css reads. */
function colours(token: ThemedToken): React.CSSProperties {
  const style = (token.htmlStyle ?? {}) as Record<string, string>;
  return { "--shiki-light": style.color ?? token.color, "--shiki-dark": style["--shiki-dark"] } as React.CSSProperties;
}
