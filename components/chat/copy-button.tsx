"use client";

import { useState } from "react";
import { useTranslations } from "use-intl/react";

/** Copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, label, className }: { text: string; label?: string; className?: string }) {
  const t = useTranslations("chat.actions");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={className}
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {copied ? t("copied") : (label ?? t("copy"))}
    </button>
  );
}
