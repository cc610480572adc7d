"use client";

import { isToolUIPart } from "ai";
import { memo } from "react";
import { type ChatMessage, textOf } from "@/lib/chat/message";
import { Markdown } from "./lazy-markdown";
import { MessageFooter } from "./message-footer";
import { ReasoningBlock } from "./reasoning-block";
import { ToolCard } from "./tool-card";

export const MessageItem = memo(function MessageItem({
  message,
  streaming,
}: {
  message: ChatMessage;
  /** This message is the one being streamed right now. */
  streaming: boolean;
}) {
  if (message.role === "user") {
    return (
      <div className="flex justify-end" data-testid="message" data-role="user">
        <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl bg-muted px-4 py-2">{textOf(message)}</div>
      </div>
    );
  }

  const metadata = message.metadata;
  const visible = message.parts.filter((p) => p.type === "text" || p.type === "reasoning" || isToolUIPart(p));
  return (
    <div
      className="flex flex-col"
      data-testid="message"
      data-role="assistant"
      data-status={streaming ? "streaming" : (metadata?.status ?? "done")}
    >
      {visible.length === 0 && streaming && (
        <span role="status" className="animate-pulse text-fg-muted" aria-label="Waiting for the answer">
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
            />
          );
        }
        if (part.type === "text") {
          return (
            <div key={key} data-testid="answer">
              <Markdown text={part.text} />
            </div>
          );
        }
        if (isToolUIPart(part)) return <ToolCard key={key} part={part} streaming={streaming} />;
        return null;
      })}
      {metadata?.error && (
        <p role="alert" className="mt-2 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {metadata.error.message}
        </p>
      )}
      {!streaming && <MessageFooter metadata={metadata} />}
    </div>
  );
});
