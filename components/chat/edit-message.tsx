"use client";

import { useState } from "react";
import { useTranslations } from "use-intl/react";
import { Button } from "../ui/button";
import { Textarea } from "../ui/input";

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
      <Textarea
        id="edit-message"
        size="lg"
        // Focus moves here: the user just asked to edit this message.
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
      />
      <div className="flex justify-end gap-2 text-sm">
        <Button size="sm" shape="round" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <Button type="submit" variant="primary" size="sm" shape="round" disabled={!text.trim()}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
