"use client";

import { ChevronLeftIcon, ChevronRightIcon, PencilIcon, RefreshCwIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "use-intl/react";
import { IconButton } from "../ui/icon-button";
import { useConfirm } from "../ui/use-confirm";
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
  const [ask, confirmation] = useConfirm();
  return (
    <div className="mt-1 flex items-center gap-0.5 text-xs text-fg-muted" data-testid="message-actions">
      {versions && versions.count > 1 && (
        <fieldset className="m-0 flex items-center border-0 p-0">
          <legend className="sr-only">{t("versions")}</legend>
          <IconButton
            label={t("previousVersion")}
            disabled={busy || versions.index === 0}
            onClick={() => onSelectVersion?.(versions.index - 1)}
          >
            <ChevronLeftIcon aria-hidden />
          </IconButton>
          <span data-testid="version" aria-live="polite" className="tabular-nums">
            <span aria-hidden>
              {versions.index + 1}/{versions.count}
            </span>
            <span className="sr-only">{t("version", { index: versions.index + 1, count: versions.count })}</span>
          </span>
          <IconButton
            label={t("nextVersion")}
            disabled={busy || versions.index === versions.count - 1}
            onClick={() => onSelectVersion?.(versions.index + 1)}
          >
            <ChevronRightIcon aria-hidden />
          </IconButton>
        </fieldset>
      )}
      <CopyButton text={text} iconOnly />
      {onEdit && (
        <IconButton label={t("edit")} disabled={busy} onClick={onEdit}>
          <PencilIcon aria-hidden />
        </IconButton>
      )}
      {onRegenerate && (
        <IconButton label={t("regenerate")} disabled={busy} onClick={onRegenerate}>
          <RefreshCwIcon aria-hidden />
        </IconButton>
      )}
      {onDelete && (
        <IconButton
          label={t("delete")}
          disabled={busy}
          onClick={async () => {
            if (await ask({ title: t("deleteTitle"), description: t("deleteConfirm"), confirmLabel: t("delete") })) {
              onDelete();
            }
          }}
        >
          <Trash2Icon aria-hidden />
        </IconButton>
      )}
      {confirmation}
    </div>
  );
}
