"use client";

import { PencilIcon, PinIcon, PinOffIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl/react";
import { IconButton } from "../ui/icon-button";
import { Input } from "../ui/input";
import type { ConversationListItem } from "./conversations-key";

// One conversation in the sidebar: its link, and (on hover or keyboard focus) Rename, Pin and
// Delete. Renaming happens in place: Enter saves, Esc cancels. A dot marks an answer being
// written (pulsing) or one that arrived while the user was elsewhere.
//
// The three buttons are made when first needed (the pointer over the item, or the focus in it:
// they come after the link, so Tab from it reaches them), except on touch screens, which show
// them always: a list of hundreds of conversations is not hundreds of times three buttons with
// their tooltips in the page's HTML and its hydration.

export function ConversationItem({
  conversation,
  active,
  unseen,
  onRename,
  onPin,
  onDelete,
}: {
  conversation: ConversationListItem;
  active: boolean;
  /** Show the mark of an answer that arrived while the user was elsewhere. */
  unseen: boolean;
  onRename: (title: string) => Promise<void>;
  onPin: (pinned: boolean) => void;
  onDelete: () => void;
}) {
  const t = useTranslations("sidebar.item");
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const [engaged, setEngaged] = useState(false);
  const touch = useSyncExternalStore(onHoverChange, hasNoHover, () => false);
  const pinned = Boolean(conversation.pinnedAt);

  if (renaming) {
    return (
      <li>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const value = title.trim();
            if (!value) return;
            void onRename(value).then(() => setRenaming(false));
          }}
        >
          <label className="sr-only" htmlFor={`rename-${conversation.id}`}>
            {t("newTitle")}
          </label>
          <Input
            id={`rename-${conversation.id}`}
            size="sm"
            // Focus moves here: the user just asked to rename this conversation.
            autoFocus
            value={title}
            maxLength={120}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.preventDefault(); // Esc cancels the rename, it does not stop an answer
                setTitle(conversation.title);
                setRenaming(false);
              }
            }}
            onBlur={() => setRenaming(false)}
          />
        </form>
      </li>
    );
  }

  return (
    <li
      className="group relative"
      data-testid="conversation-item"
      onPointerEnter={() => setEngaged(true)}
      onFocus={() => setEngaged(true)}
    >
      <Link
        href={`/chat/${conversation.id}${conversation.hit ? `?m=${encodeURIComponent(conversation.hit)}` : ""}`}
        aria-current={active ? "page" : undefined}
        className={`block truncate rounded-md py-1.5 pr-2 pl-2 text-sm group-hover:pr-22 group-focus-within:pr-22 [@media(hover:none)]:pr-22 ${active ? "bg-muted font-medium" : "hover:bg-muted"}`}
        title={conversation.title}
      >
        {conversation.generating ? (
          <StatusDot pulsing label={t("generatingPrefix")} title={t("generatingTitle")} />
        ) : (
          unseen && <StatusDot label={t("unseenPrefix")} title={t("unseenTitle")} />
        )}
        {pinned && (
          <span className="mr-1">
            <PinIcon aria-hidden className="inline size-3 align-[-1px] text-fg-muted" />
            <span className="sr-only">{t("pinnedPrefix")}</span>
          </span>
        )}
        {conversation.title}
      </Link>
      {/* On hover or focus; always on touch screens, which have no hover. */}
      {(engaged || touch) && (
        <div className="absolute top-1 right-1 hidden gap-0.5 group-focus-within:flex group-hover:flex [@media(hover:none)]:flex">
          <IconButton
            label={t("renameLabel", { title: conversation.title })}
            tooltip={t("rename")}
            size="icon-xs"
            onClick={() => {
              setTitle(conversation.title); // the current title (an automatic one may have arrived)
              setRenaming(true);
            }}
          >
            <PencilIcon aria-hidden />
          </IconButton>
          <IconButton
            label={t(pinned ? "unpinLabel" : "pinLabel", { title: conversation.title })}
            tooltip={pinned ? t("unpin") : t("pin")}
            size="icon-xs"
            onClick={() => onPin(!pinned)}
          >
            {pinned ? <PinOffIcon aria-hidden /> : <PinIcon aria-hidden />}
          </IconButton>
          <IconButton
            label={t("deleteLabel", { title: conversation.title })}
            tooltip={t("delete")}
            size="icon-xs"
            onClick={onDelete}
          >
            <Trash2Icon aria-hidden />
          </IconButton>
        </div>
      )}
    </li>
  );
}

/** A dot before a conversation's title: an answer being written (pulsing), or one not seen yet. */
function StatusDot({ pulsing = false, label, title }: { pulsing?: boolean; label: string; title: string }) {
  return (
    <span className="mr-1.5">
      <span
        aria-hidden
        title={title}
        className={`inline-block size-2 rounded-full bg-accent align-middle ${pulsing ? "animate-pulse" : ""}`}
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}

const NO_HOVER = "(hover: none)";

/** A touch screen: no pointer hovers, so the item's buttons are always shown. */
function hasNoHover(): boolean {
  return window.matchMedia(NO_HOVER).matches;
}

function onHoverChange(change: () => void): () => void {
  const query = window.matchMedia(NO_HOVER);
  query.addEventListener("change", change);
  return () => query.removeEventListener("change", change);
}
