import type { MessageMetadata } from "@/lib/chat/message";
import { formatSeconds, formatTokens, tokensPerSecond } from "./format";

// Token usage and speed under an answer: exactly what the platform reported (or our estimate,
// marked as such, when a stream was stopped before the platform sent usage).
export function MessageFooter({ metadata }: { metadata: MessageMetadata | undefined }) {
  const usage = metadata?.usage;
  const timings = metadata?.timings;
  if (!usage && !metadata?.status) return null;
  return (
    <div
      className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted"
      data-testid="message-footer"
    >
      {metadata?.status === "stopped" && (
        <span className="rounded bg-muted px-1.5 py-0.5 font-medium text-warn" data-testid="status-stopped">
          Stopped
        </span>
      )}
      {usage && (
        <span data-testid="usage" title={usage.estimated ? "Estimated: the platform reported no usage" : undefined}>
          {usage.estimated && "≈ "}
          <span data-testid="usage-prompt">{formatTokens(usage.inputTokens)}</span> prompt ·{" "}
          <span data-testid="usage-completion">{formatTokens(usage.outputTokens)}</span> completion
          {usage.reasoningTokens > 0 && (
            <>
              {" "}
              (<span data-testid="usage-reasoning">{formatTokens(usage.reasoningTokens)}</span> reasoning)
            </>
          )}
          {usage.cachedInputTokens > 0 && <> · {formatTokens(usage.cachedInputTokens)} cached</>}
          {usage.estimated && " (estimated)"}
        </span>
      )}
      {timings?.ttftMs != null && (
        <span data-testid="ttft" title="Time to first token">
          first token {formatSeconds(timings.ttftMs)}
        </span>
      )}
      {usage && timings && speed(usage.outputTokens, timings.durationMs, timings.ttftMs)}
      {metadata?.model && (
        <span title="Model that answered" data-testid="answered-model">
          {metadata.model}
          {metadata.requestedModel && (
            <span className="text-warn"> (instead of {metadata.requestedModel}, which was unavailable)</span>
          )}
        </span>
      )}
    </div>
  );
}

function speed(outputTokens: number, durationMs: number, ttftMs: number | null) {
  const rate = tokensPerSecond(outputTokens, durationMs, ttftMs);
  if (rate === null) return null;
  return (
    <span data-testid="speed" title="Output tokens per second, after the first token">
      {rate >= 100 ? Math.round(rate) : rate.toFixed(1)} tok/s
    </span>
  );
}
