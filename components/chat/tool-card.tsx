"use client";

import { type DynamicToolUIPart, getToolName, type ToolUIPart } from "ai";
import { WrenchIcon } from "lucide-react";
import { useTranslations } from "use-intl/react";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useChatFormat } from "./format";

// One tool call in an answer: the tool, its arguments (growing while they stream in), its status,
// and its result, collapsible. Survives reload: the parts are stored as streamed.

type Part = ToolUIPart | DynamicToolUIPart;

type Status = "preparing" | "running" | "awaitingApproval" | "done" | "error" | "denied" | "interrupted" | "notRun";

const STATUS: Record<Part["state"], Status> = {
  "input-streaming": "preparing",
  "input-available": "running",
  "approval-requested": "awaitingApproval",
  "approval-responded": "running",
  "output-available": "done",
  "output-error": "error",
  "output-denied": "denied",
};

export function ToolCard({
  part,
  streaming,
  durationMs,
  onDecide,
}: {
  part: Part;
  streaming: boolean;
  /** How long the tool ran, once it has. */
  durationMs?: number;
  /** Set while the call waits for the user's decision and it can be given. */
  onDecide?: (approved: boolean) => void;
}) {
  const t = useTranslations("chat.tool");
  const format = useChatFormat();
  const unfinished =
    part.state === "input-streaming" || part.state === "input-available" || part.state === "approval-responded";
  // An answer that ended (stopped, broken) while the call was under way leaves it interrupted;
  // a call that asked first and was never decided (another message was sent) did not run.
  const status: Status =
    unfinished && !streaming
      ? "interrupted"
      : part.state === "approval-requested" && !onDecide && !streaming
        ? "notRun"
        : STATUS[part.state];
  const failed = part.state === "output-error" || part.state === "output-denied" || status === "interrupted";
  return (
    <div
      data-testid="tool-card"
      data-state={part.state}
      className="my-2 rounded-lg border border-border bg-muted/40 text-sm"
    >
      <div className="flex items-center gap-2 px-3 py-2">
        <WrenchIcon aria-hidden className="size-3.5 text-fg-muted" />
        <code className="font-medium">{getToolName(part)}</code>
        {durationMs !== undefined && (
          <span data-testid="tool-duration" className="text-xs text-fg-muted">
            {format.duration(durationMs)}
          </span>
        )}
        <span
          data-testid="tool-status"
          className={`ml-auto rounded-full px-2 py-0.5 text-xs ${failed ? "bg-danger/10 text-danger" : "bg-bg text-fg-muted"}`}
        >
          {t(`status.${status}`)}
          {unfinished && streaming ? "…" : ""}
        </span>
      </div>
      {status === "interrupted" && (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">{t("interruptedNote")}</p>
      )}
      {part.input !== undefined && (
        <ScrollRegion label={t("arguments")} className="border-t border-border px-3 py-2">
          <pre data-testid="tool-arguments" className="text-xs">
            {pretty(part.input)}
          </pre>
        </ScrollRegion>
      )}
      {onDecide && (
        <div className="flex flex-wrap items-center gap-2 border-t border-border px-3 py-2">
          <span className="mr-auto text-xs text-fg-muted">{t("approvalQuestion")}</span>
          <Button variant="primary" size="sm" onClick={() => onDecide(true)}>
            {t("approve")}
          </Button>
          <Button size="sm" onClick={() => onDecide(false)}>
            {t("deny")}
          </Button>
        </div>
      )}
      {part.state === "output-denied" && (
        <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">{t("deniedNote")}</p>
      )}
      {part.state === "output-available" && (
        <details className="border-t border-border px-3 py-2">
          <summary className="cursor-pointer text-xs text-fg-muted">{t("result")}</summary>
          <ScrollRegion label={t("result")} className="mt-1">
            <pre data-testid="tool-result" className="text-xs">
              {pretty(part.output)}
            </pre>
          </ScrollRegion>
        </details>
      )}
      {part.state === "output-error" && (
        <p data-testid="tool-error" className="border-t border-border px-3 py-2 text-xs text-danger">
          {part.errorText}
        </p>
      )}
    </div>
  );
}

function pretty(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}
