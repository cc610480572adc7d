"use client";

import { isToolUIPart } from "ai";
import { memo, useState } from "react";
import { useTranslations } from "use-intl/react";
import { type ChatMessage, textOf } from "@/lib/shared/chat/message";
import { EditMessage } from "./edit-message";
import { Markdown } from "./lazy-markdown";
import { MessageActions, type Versions } from "./message-actions";
import { MessageFooter } from "./message-footer";
import { PlatformToolNote } from "./platform-tool-note";
import type { PrerenderedPart } from "./prerendered-answers";
import { ReasoningBlock } from "./reasoning-block";
import { ToolCard } from "./tool-card";

export interface MessageHandlers {
  selectVersion: (message: ChatMessage, index: number) => void;
  regenerate: (message: ChatMessage) => void;
  edit: (message: ChatMessage, text: string) => void;
  /** Approve or deny a tool call that asked first. */
  decideTool: (approvalId: string, approved: boolean) => void;
  /** Delete a message and what follows it. */
  remove: (message: ChatMessage) => void;
}

export const MessageItem = memo(function MessageItem({
  message,
  streaming,
  busy = false,
  decidable = false,
  prerendered,
  versionIndex = 0,
  versionCount = 1,
  actions,
}: {
  message: ChatMessage;
  /** This message is the one being streamed right now. */
  streaming: boolean;
  /** An answer is streaming in this chat: no edits or regenerations meanwhile. */
  busy?: boolean;
  /** Its tool calls waiting for approval can be decided now (the last message, nothing streaming). */
  decidable?: boolean;
  /** Its parts as the server rendered them, where it did (stored answers). */
  prerendered?: PrerenderedPart[];
  /** Which of the message's versions this is (primitives, so that memo holds while streaming). */
  versionIndex?: number;
  versionCount?: number;
  /** Stable across renders. */
  actions?: MessageHandlers;
}) {
  const t = useTranslations("chat");
  const tErrors = useTranslations("errors");
  const [editing, setEditing] = useState(false);
  const versions: Versions = { index: versionIndex, count: versionCount };
  const onSelectVersion = actions && ((index: number) => actions.selectVersion(message, index));
  const onEdit = actions && message.role === "user" ? (text: string) => actions.edit(message, text) : undefined;
  const onRegenerate = actions && message.role === "assistant" ? () => actions.regenerate(message) : undefined;
  const onDelete = actions && (() => actions.remove(message));
  if (message.role === "user") {
    const text = textOf(message);
    if (editing && onEdit) {
      return (
        <div className="flex flex-col" data-testid="message" data-role="user">
          <EditMessage
            initial={text}
            onCancel={() => setEditing(false)}
            onSend={(edited) => {
              setEditing(false);
              onEdit(edited);
            }}
          />
        </div>
      );
    }
    return (
      <div className="flex flex-col items-end" data-testid="message" data-role="user">
        <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl bg-muted px-4 py-2">{text}</div>
        <MessageActions
          text={text}
          versions={versions}
          onSelectVersion={onSelectVersion}
          busy={busy}
          onEdit={onEdit && (() => setEditing(true))}
          onDelete={onDelete}
        />
      </div>
    );
  }

  const metadata = message.metadata;
  // Duration and token count are the answer's: shown on its first thinking block only.
  const firstReasoning = message.parts.findIndex((p) => p.type === "reasoning");
  const durations = new Map(
    message.parts.flatMap((p) => (p.type === "data-tool-duration" && p.id ? [[p.id, p.data.ms] as const] : [])),
  );
  const visible = message.parts.filter((p) => p.type === "text" || p.type === "reasoning" || isToolUIPart(p));
  return (
    <div
      className="flex flex-col"
      data-testid="message"
      data-role="assistant"
      data-status={streaming ? "streaming" : (metadata?.status ?? "done")}
    >
      {visible.length === 0 && streaming && (
        <span role="status" className="animate-pulse text-fg-muted" aria-label={t("waitingForAnswer")}>
          ●●●
        </span>
      )}
      {message.parts.map((part, i) => {
        // Parts have no ids; within a message they are only ever appended, so the index is stable.
        const key = `${message.id}-${i}`;
        if (part.type === "reasoning") {
          return (
            <ReasoningBlock
              key={key}
              text={part.text}
              active={streaming && part.state === "streaming"}
              durationMs={metadata?.timings?.reasoningMs}
              tokens={i === firstReasoning ? metadata?.usage?.reasoningTokens : undefined}
            />
          );
        }
        if (part.type === "text") {
          return (
            <div key={key} data-testid="answer">
              {(!streaming && prerendered?.[i]?.text === part.text && prerendered[i]?.node) || (
                <Markdown text={part.text} />
              )}
            </div>
          );
        }
        if (part.type === "data-platform-tool")
          return <PlatformToolNote key={key} tool={part.data.tool} platform={part.data.platform} />;
        if (isToolUIPart(part)) {
          const decide = decidable && actions ? actions.decideTool : undefined;
          return (
            <ToolCard
              key={key}
              part={part}
              streaming={streaming}
              durationMs={durations.get(part.toolCallId)}
              onDecide={
                decide && part.state === "approval-requested" ? (ok) => decide(part.approval.id, ok) : undefined
              }
            />
          );
        }
        return null;
      })}
      {metadata?.error && (
        <p role="alert" className="mt-2 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {/* Written by the server that found the answer cut off, in no one's language: said in the reader's. */}
          {metadata.error.code === "interrupted" ? tErrors("interrupted") : metadata.error.message}
        </p>
      )}
      {!streaming && <MessageFooter metadata={metadata} />}
      {!streaming && (
        <MessageActions
          text={textOf(message)}
          versions={versions}
          onSelectVersion={onSelectVersion}
          busy={busy || metadata?.status === "streaming"}
          onRegenerate={onRegenerate}
          onDelete={onDelete}
        />
      )}
    </div>
  );
});
