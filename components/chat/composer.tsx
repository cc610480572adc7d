"use client";

import { useRef, useState } from "react";
import { MODELS } from "@/lib/catalog/models";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/request-schema";
import type { ConnectionOption } from "@/lib/providers/status";
import type { Selection } from "./chat-view";
import { preloadMarkdown } from "./lazy-markdown";

export function Composer({
  busy,
  disabled,
  disabledReason,
  selection,
  connections,
  onSelectionChange,
  thinking,
  onThinkingChange,
  thinkingSwitch,
  onSend,
  onStop,
}: {
  busy: boolean;
  disabled: boolean;
  disabledReason?: string;
  selection: Selection;
  /** The platform connections and the models each serves. */
  connections: ConnectionOption[];
  onSelectionChange: (selection: Selection) => void;
  thinking: boolean;
  onThinkingChange: (thinking: boolean) => void;
  /** Whether the platform lets a request switch thinking. */
  thinkingSwitch: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const [text, setText] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const model = selection.model;
  const canThink = MODELS[model].thinking && thinkingSwitch;
  const thinkingHint = !MODELS[model].thinking
    ? `${MODELS[model].label} does not think.`
    : !thinkingSwitch
      ? "This platform does not let a request switch thinking."
      : "Let the model think before it answers.";

  const tooLong = text.length > MAX_MESSAGE_CHARS;

  function submit() {
    const value = text.trim();
    if (!value || busy || disabled || tooLong) return;
    onSend(value);
    setText("");
    textarea.current?.focus();
  }

  return (
    <form
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="rounded-2xl border border-border bg-bg shadow-sm focus-within:border-accent">
        <label htmlFor="composer-input" className="sr-only">
          Message
        </label>
        <textarea
          id="composer-input"
          ref={textarea}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onFocus={preloadMarkdown}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape" && busy) {
              e.preventDefault();
              onStop();
            }
          }}
          rows={2}
          placeholder={disabled ? disabledReason : "Message GLM…  (Enter to send, Shift+Enter for a new line)"}
          disabled={disabled}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong ? "composer-error" : undefined}
          className="block max-h-60 min-h-14 w-full resize-y rounded-t-2xl bg-transparent px-4 py-3 outline-none disabled:cursor-not-allowed"
        />
        {tooLong && (
          <p id="composer-error" role="alert" className="px-4 pb-1 text-sm text-danger">
            This message has {text.length.toLocaleString("en-US")} characters; the limit is{" "}
            {MAX_MESSAGE_CHARS.toLocaleString("en-US")}. Shorten it or split it into several messages.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3 px-3 pb-2">
          <label className="flex items-center gap-1.5 text-sm">
            <span className="sr-only">Model</span>
            <select
              aria-label="Model"
              value={`${selection.connection}|${selection.model}`}
              onChange={(e) => {
                const [connection, id] = e.target.value.split("|");
                onSelectionChange({ connection, model: id as Selection["model"] });
              }}
              className="max-w-56 rounded-md border border-border bg-bg px-2 py-1 text-sm"
            >
              {connections.map((c) => (
                <optgroup key={c.id} label={c.label}>
                  {c.models.map((id) => (
                    <option key={id} value={`${c.id}|${id}`}>
                      {MODELS[id].label}
                      {connections.length > 1 ? ` · ${c.label}` : ""}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1.5 text-sm" title={thinkingHint}>
            <input
              type="checkbox"
              checked={canThink && thinking}
              disabled={!canThink}
              onChange={(e) => onThinkingChange(e.target.checked)}
              className="accent-accent"
            />
            Thinking
          </label>
          <div className="ml-auto">
            {busy ? (
              <button
                type="button"
                onClick={onStop}
                className="rounded-full border border-border px-4 py-1.5 text-sm font-medium hover:bg-muted"
              >
                Stop
              </button>
            ) : (
              <button
                type="submit"
                disabled={disabled || !text.trim() || tooLong}
                className="rounded-full bg-accent px-4 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-40"
              >
                Send
              </button>
            )}
          </div>
        </div>
      </div>
    </form>
  );
}
