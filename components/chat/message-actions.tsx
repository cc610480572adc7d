"use client";

import { CopyButton } from "./copy-button";

// The controls under a message: switch between its versions, copy it, and (depending on the
// role) answer it again or edit it. Disabled while an answer streams.

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
}: {
  text: string;
  versions?: Versions;
  onSelectVersion?: (index: number) => void;
  busy: boolean;
  onRegenerate?: () => void;
  onEdit?: () => void;
}) {
  const button = "rounded px-1.5 py-0.5 hover:bg-muted disabled:opacity-40";
  return (
    <div className="mt-1 flex items-center gap-1 text-xs text-fg-muted" data-testid="message-actions">
      {versions && versions.count > 1 && (
        <fieldset className="m-0 flex items-center border-0 p-0">
          <legend className="sr-only">Versions</legend>
          <button
            type="button"
            className={button}
            aria-label="Previous version"
            disabled={busy || versions.index === 0}
            onClick={() => onSelectVersion?.(versions.index - 1)}
          >
            ‹
          </button>
          <span data-testid="version" aria-live="polite">
            <span aria-hidden>
              {versions.index + 1}/{versions.count}
            </span>
            <span className="sr-only">
              Version {versions.index + 1} of {versions.count}
            </span>
          </span>
          <button
            type="button"
            className={button}
            aria-label="Next version"
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
          Edit
        </button>
      )}
      {onRegenerate && (
        <button type="button" className={button} disabled={busy} onClick={onRegenerate}>
          Regenerate
        </button>
      )}
    </div>
  );
}
