import { isToolUIPart } from "ai";
import type { ChatMessage, ChatPart } from "./message";

// Tools marked "ask first" stop the answer at their call until the user approves or denies it.
// The browser sends only the decisions; the answer they belong to is read from the database and
// the decisions are applied to its waiting calls here, so that a client cannot approve a call
// that was never asked for, or one already decided.

export interface ToolApproval {
  id: string;
  approved: boolean;
  reason?: string;
}

/**
 * The stored answer with the user's decisions applied, ready to be continued; null when a
 * decision names a call that is not waiting for one (never asked, or already decided).
 */
export function withApprovals(answer: ChatMessage, approvals: ToolApproval[]): ChatMessage | null {
  const waiting = new Map<string, ChatPart>();
  for (const part of answer.parts) {
    if (isToolUIPart(part) && part.state === "approval-requested") waiting.set(part.approval.id, part);
  }
  if (approvals.some((approval) => !waiting.has(approval.id))) return null;
  const decided = new Map(approvals.map((a) => [a.id, a]));
  return {
    ...answer,
    parts: answer.parts.map((part) => {
      if (!isToolUIPart(part) || part.state !== "approval-requested") return part;
      const decision = decided.get(part.approval.id);
      if (!decision) return part;
      return {
        ...part,
        state: "approval-responded",
        approval: { id: decision.id, approved: decision.approved, reason: decision.reason },
      } as ChatPart;
    }),
  };
}

/**
 * A call that was decided but never ran (the answer was stopped, or the server went away, before
 * it did) is settled: approved ones become an error, denied ones denied. Left as they were, the
 * model would later be shown a call without a result, which platforms refuse.
 */
export function settleDecidedCalls(parts: ChatPart[]): ChatPart[] {
  return parts.map((part) => {
    if (!isToolUIPart(part) || part.state !== "approval-responded") return part;
    return (
      part.approval.approved
        ? { ...part, state: "output-error", errorText: "The answer was stopped before this tool ran." }
        : { ...part, state: "output-denied" }
    ) as ChatPart;
  });
}
