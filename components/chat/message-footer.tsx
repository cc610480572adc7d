import { useTranslations } from "use-intl/react";
import type { MessageMetadata } from "@/lib/shared/chat/message";
import { tokensPerSecond, useChatFormat } from "./format";

// Token usage, cost and speed under an answer: exactly what the platform reported (or our
// estimate, marked as such, when a stream was stopped before the platform sent usage), and its
// cost at the team's prices (or as the platform reported it). When a monthly budget capped the
// answer's output, it says so, and why the answer ended if it ended there. An answer stopped, cut
// off by a server that stopped (interrupted), or still being written elsewhere says so first.
export function MessageFooter({ metadata }: { metadata: MessageMetadata | undefined }) {
  const t = useTranslations("chat.footer");
  const format = useChatFormat();
  const usage = metadata?.usage;
  const timings = metadata?.timings;
  if (!usage && !metadata?.status) return null;
  const rate = usage && timings ? tokensPerSecond(usage.outputTokens, timings.durationMs, timings.ttftMs) : null;
  return (
    <div
      className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted"
      data-testid="message-footer"
    >
      {metadata?.status === "stopped" && (
        <span className="rounded bg-muted px-1.5 py-0.5 font-medium text-warn" data-testid="status-stopped">
          {t("stopped")}
        </span>
      )}
      {metadata?.status === "interrupted" && (
        <span className="rounded bg-muted px-1.5 py-0.5 font-medium text-warn" data-testid="status-interrupted">
          {t("interrupted")}
        </span>
      )}
      {/* Being written on the server, and not followed here (yet): not done. */}
      {metadata?.status === "streaming" && (
        <span className="animate-pulse font-medium" data-testid="status-streaming" title={t("streamingTitle")}>
          {t("streaming")}
        </span>
      )}
      {usage && (
        <span data-testid="usage" title={usage.estimated ? t("estimatedTitle") : undefined}>
          {usage.estimated && "≈ "}
          {/* Each figure keeps an element of its own, wherever the language puts it. */}
          {t.rich("usage", {
            prompt: format.tokens(usage.inputTokens),
            completion: format.tokens(usage.outputTokens),
            promptTokens: (chunks) => <span data-testid="usage-prompt">{chunks}</span>,
            completionTokens: (chunks) => <span data-testid="usage-completion">{chunks}</span>,
          })}
          {usage.reasoningTokens > 0 &&
            t.rich("reasoning", {
              count: format.tokens(usage.reasoningTokens),
              tokens: (chunks) => <span data-testid="usage-reasoning">{chunks}</span>,
            })}
          {usage.cachedInputTokens > 0 && t("cached", { count: format.tokens(usage.cachedInputTokens) })}
          {usage.estimated && t("estimated")}
        </span>
      )}
      {metadata?.cost && (
        <span data-testid="cost" title={t("costTitle")}>
          {usage?.estimated && "≈ "}
          {format.money(metadata.cost.micros, metadata.cost.currency)}
          {metadata.cost.partial && t("costPartial")}
        </span>
      )}
      {timings?.ttftMs != null && (
        <span data-testid="ttft" title={t("firstTokenTitle")}>
          {t("firstToken", { time: format.seconds(timings.ttftMs) })}
        </span>
      )}
      {rate !== null && (
        <span data-testid="speed" title={t("speedTitle")}>
          {t("speed", { rate: format.rate(rate) })}
        </span>
      )}
      {metadata?.budgetCap && (
        <span className="text-warn" data-testid="budget-cap" title={t("budgetCapTitle")}>
          {t("budgetCap", { tokens: format.tokens(metadata.budgetCap.outputTokens) })}
        </span>
      )}
      {metadata?.model && (
        <span title={t("modelTitle")} data-testid="answered-model">
          {metadata.model}
          {metadata.requestedModel && (
            <span className="text-warn">{t("fallbackModel", { requested: metadata.requestedModel })}</span>
          )}
        </span>
      )}
      {metadata?.budgetCap && metadata.finishReason === "length" && (
        <p className="basis-full text-warn" data-testid="budget-cap-reached">
          {t("budgetCapReached")}
        </p>
      )}
    </div>
  );
}
