import { Fragment } from "react";
import { Markdown } from "@/components/chat/lazy-markdown";
import { serverMarkdown } from "@/components/chat/markdown/server-markdown";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import type { SharedMessage } from "@/lib/share/shared-view";
import { formatMoney } from "@/lib/shared/spend/money";

// One message of a shared conversation, rendered on the server: the user's text as typed, the
// answer as Markdown (no HTML from model output; by the browser when the server leaves it, see
// server-markdown.tsx), and thinking and tool calls where the owner chose to show them, folded.

type ToolLike = { type: string; toolName?: string; input?: unknown; output?: unknown; errorText?: string };

function pretty(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

export async function SharedMessageView({ message }: { message: SharedMessage }) {
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  const n = new Intl.NumberFormat(locale);
  if (message.role === "user") {
    return (
      <article className="ml-auto max-w-[85%] rounded-2xl bg-muted px-4 py-2" aria-label={t("user")}>
        {message.parts.map((p, i) =>
          p.type === "text" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts have no ids and never move
            <p key={i} className="whitespace-pre-wrap">
              {p.text}
            </p>
          ) : null,
        )}
      </article>
    );
  }
  const { usage, cost } = message.metadata;
  return (
    <article className="flex flex-col gap-2" aria-label={t("assistant")} data-testid="shared-answer">
      {message.parts.map((p, i) => {
        const key = `part-${i}`;
        if (p.type === "text") {
          // Rendered here within the page's limits for Markdown, else in the reader's browser.
          return <Fragment key={key}>{serverMarkdown()(p.text) ?? <Markdown text={p.text} />}</Fragment>;
        }
        if (p.type === "reasoning") {
          return (
            <details
              key={key}
              className="rounded-md border border-border px-3 py-2 text-sm"
              data-testid="shared-thinking"
            >
              <summary className="cursor-pointer text-fg-muted">{t("thinking")}</summary>
              <p className="mt-2 whitespace-pre-wrap text-fg-muted">{p.text}</p>
            </details>
          );
        }
        if (p.type === "dynamic-tool" || p.type.startsWith("tool-")) {
          const tool = p as ToolLike;
          const name = tool.toolName ?? p.type.slice("tool-".length);
          return (
            <details key={key} className="rounded-md border border-border px-3 py-2 text-sm" data-testid="shared-tool">
              <summary className="cursor-pointer font-medium">{t("tool", { name })}</summary>
              <h3 className="mt-2 text-xs text-fg-muted">{t("arguments")}</h3>
              <ScrollRegion label={t("arguments")}>
                <pre className="text-xs">{pretty(tool.input ?? {})}</pre>
              </ScrollRegion>
              {(tool.output !== undefined || tool.errorText) && (
                <>
                  <h3 className="mt-2 text-xs text-fg-muted">{t("result")}</h3>
                  <ScrollRegion label={t("result")}>
                    <pre className="text-xs">{tool.errorText ?? pretty(tool.output)}</pre>
                  </ScrollRegion>
                </>
              )}
            </details>
          );
        }
        return null;
      })}
      {(usage || cost) && (
        <p className="text-xs text-fg-muted" data-testid="shared-usage">
          {usage && t("usage", { prompt: n.format(usage.inputTokens), completion: n.format(usage.outputTokens) })}
          {cost && ` · ${formatMoney(cost.micros, cost.currency, locale)}`}
        </p>
      )}
    </article>
  );
}
