"use client";

import { useState } from "react";
import { useTranslations } from "use-intl/react";

/** Editing a message of the user's: sending makes a new version (a branch); the old one stays. */
export function EditMessage({
  initial,
  onSend,
  onCancel,
}: {
  initial: string;
  onSend: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("chat.editMessage");
  const [text, setText] = useState(initial);
  return (
    <form
      className="flex w-full max-w-[85%] flex-col gap-2 self-end"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSend(text.trim());
      }}
    >
      <label htmlFor="edit-message" className="sr-only">
        {t("label")}
      </label>
      <textarea
        id="edit-message"
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this message
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // As in the composer: Enter sends, Shift+Enter is a new line, Esc cancels.
          if (e.key === "Escape") onCancel();
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (text.trim()) onSend(text.trim());
          }
        }}
        rows={Math.min(10, Math.max(2, text.split("\n").length))}
        className="w-full rounded-2xl border border-border bg-bg px-4 py-2"
      />
      <div className="flex justify-end gap-2 text-sm">
        <button type="button" onClick={onCancel} className="rounded-full border border-border px-3 py-1 hover:bg-muted">
          {t("cancel")}
        </button>
        <button
          type="submit"
          disabled={!text.trim()}
          className="rounded-full bg-accent px-3 py-1 font-medium text-accent-fg disabled:opacity-40"
        >
          {t("send")}
        </button>
      </div>
    </form>
  );
}
