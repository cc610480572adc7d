"use client";

import { useTranslations } from "use-intl/react";
import { CopyButton } from "./copy-button";

// The controls under a message: switch between its versions, copy it, and (depending on the
// role) answer it again or edit it; delete it. Disabled while an answer streams.

export interface Versions {
  index: number;
  count: number;
}

export function MessageActions({
  text,
  versions,
  onSelectVersion,
  busy,
  onRegenerate,
  onEdit,
  onDelete,
}: {
  text: string;
  versions?: Versions;
  onSelectVersion?: (index: number) => void;
  busy: boolean;
  onRegenerate?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const t = useTranslations("chat.actions");
  const button = "rounded px-1.5 py-0.5 hover:bg-muted disabled:opacity-40";
  return (
    <div className="mt-1 flex items-center gap-1 text-xs text-fg-muted" data-testid="message-actions">
      {versions && versions.count > 1 && (
        <fieldset className="m-0 flex items-center border-0 p-0">
          <legend className="sr-only">{t("versions")}</legend>
          <button
            type="button"
            className={button}
            aria-label={t("previousVersion")}
            disabled={busy || versions.index === 0}
            onClick={() => onSelectVersion?.(versions.index - 1)}
          >
            ‹
          </button>
          <span data-testid="version" aria-live="polite">
            <span aria-hidden>
              {versions.index + 1}/{versions.count}
            </span>
            <span className="sr-only">{t("version", { index: versions.index + 1, count: versions.count })}</span>
          </span>
          <button
            type="button"
            className={button}
            aria-label={t("nextVersion")}
            disabled={busy || versions.index === versions.count - 1}
            onClick={() => onSelectVersion?.(versions.index + 1)}
          >
            ›
          </button>
        </fieldset>
      )}
      <CopyButton text={text} className={button} />
      {onEdit && (
        <button type="button" className={button} disabled={busy} onClick={onEdit}>
          {t("edit")}
        </button>
      )}
      {onRegenerate && (
        <button type="button" className={button} disabled={busy} onClick={onRegenerate}>
          {t("regenerate")}
        </button>
      )}
      {onDelete && (
        <button
          type="button"
          className={button}
          disabled={busy}
          onClick={() => {
            if (window.confirm(t("deleteConfirm"))) onDelete();
          }}
        >
          {t("delete")}
        </button>
      )}
    </div>
  );
}
