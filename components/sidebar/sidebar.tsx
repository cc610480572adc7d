"use client";

import { ChartColumnIcon, KeyRoundIcon, SettingsIcon, SquarePenIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import useSWR from "swr";
import { useTranslations } from "use-intl/react";
import { type ConversationList, LIST_MAX, LIST_PAGE } from "@/lib/shared/chat/conversation-list";
import { LanguageSwitch } from "../language-switch";
import { KeyboardShortcuts } from "../shortcuts/keyboard-shortcuts";
import { ThemeSwitch } from "../theme-switch";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Tooltip } from "../ui/tooltip";
import { ConversationItem } from "./conversation-item";
import {
  type ConversationListItem,
  conversationsKey,
  fetchConversations,
  refreshConversations,
} from "./conversations-key";
import { ListEnd } from "./list-end";
import { useSidebar } from "./sidebar-state";
import { SignOutButtons } from "./sign-out-buttons";
import { useDeferredDelete } from "./use-deferred-delete";

/** How often the list is read while an answer is being written in one of its conversations. */
const GENERATING_REFRESH_MS = 4_000;

export function Sidebar({
  initialConversations,
  user,
}: {
  /** The list as the server rendered it: the pinned and the LIST_PAGE newest others. */
  initialConversations: ConversationList<ConversationListItem>;
  user: { id: string; email: string; name: string | null; role: string };
}) {
  const t = useTranslations("sidebar");
  const pathname = usePathname();
  const router = useRouter();
  const { open, setOpen } = useSidebar();
  const [query, setQuery] = useState("");
  const search = useDebounced(query.trim(), 250);
  // While an answer is being written in any listed conversation, its marks move: the list is
  // asked for again every few seconds (and, as always, when the window gets the focus).
  const [polling, setPolling] = useState(() => initialConversations.conversations.some((c) => c.generating));
  // How many unpinned conversations are listed: it grows as the reader reaches the list's end.
  const [limit, setLimit] = useState(LIST_PAGE);
  const { data: list } = useSWR(conversationsKey(user.id, "", limit), fetchConversations, {
    fallbackData: initialConversations,
    revalidateOnMount: false,
    // A longer list keeps showing the shorter one until it arrives.
    keepPreviousData: true,
    refreshInterval: polling ? GENERATING_REFRESH_MS : 0,
  });
  const all = list.conversations;
  // The longer list asked for has not arrived yet (a full one has exactly `limit` unpinned).
  const growing = list.more && all.filter((c) => !c.pinnedAt).length < limit;
  const more = useCallback(() => setLimit(Math.min(limit + LIST_PAGE, LIST_MAX)), [limit]);
  const generating = all.some((c) => c.generating);
  useEffect(() => setPolling(generating), [generating]);
  // Opening a conversation clears its "new answer" mark on the server (its page does): the list
  // learns it too, so that the mark does not come back once the user moves on.
  const activeId = pathname.startsWith("/chat/") ? pathname.slice("/chat/".length) : null;
  const activeUnseen = all.some((c) => c.id === activeId && c.unseenAt);
  useEffect(() => {
    if (activeUnseen) refreshConversations();
  }, [activeUnseen]);
  const { data: found, isLoading: searching } = useSWR(
    search ? conversationsKey(user.id, search) : null,
    fetchConversations,
    { keepPreviousData: true },
  );
  const { pending, remove, undo, failed, dismissFailure } = useDeferredDelete(refreshConversations);
  const hidden = new Set(pending.map((p) => p.id));
  const shown = (search ? (found?.conversations ?? []) : all).filter((c) => !hidden.has(c.id));
  const pinned = search ? [] : shown.filter((c) => c.pinnedAt);
  const rest = search ? shown : shown.filter((c) => !c.pinnedAt);

  // A chat begun on "/" moved its address to /chat/[id] without a navigation, so "/" may still be
  // the cached page of that chat: refresh it for a new conversation id.
  const startNewChat = useCallback(() => {
    setOpen(false);
    router.push("/");
    router.refresh();
  }, [router, setOpen]);

  // Ctrl/⌘+Shift+O starts a new chat, as in ChatGPT.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === "o") {
        e.preventDefault();
        startNewChat();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [startNewChat]);

  const patch = async (id: string, body: object) => {
    await fetch(`/api/conversations/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    refreshConversations();
    router.refresh(); // the conversation's own header shows the title too
  };

  const item = (c: ConversationListItem) => (
    <ConversationItem
      key={c.id}
      conversation={c}
      active={c.id === activeId}
      unseen={Boolean(c.unseenAt) && c.id !== activeId}
      onRename={(title) => patch(c.id, { title })}
      onPin={(value) => void patch(c.id, { pinned: value })}
      onDelete={() => {
        remove({ id: c.id, title: c.title });
        if (pathname === `/chat/${c.id}`) router.push("/");
      }}
    />
  );

  return (
    <>
      {open && (
        <button
          type="button"
          aria-label={t("closeConversations")}
          onClick={() => setOpen(false)}
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
        />
      )}
      <aside
        id="sidebar"
        className={`flex h-full w-64 shrink-0 flex-col border-r border-border bg-panel max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:z-40 ${open ? "" : "max-md:hidden"}`}
      >
        <div className="flex items-center justify-between p-3">
          <span className="flex items-center gap-2 font-semibold">
            {/* biome-ignore lint/performance/noImgElement: a 20-px SVG, nothing for next/image to optimise */}
            <img src="/icon.svg" alt="" width={20} height={20} />
            GLM Chat
          </span>
          <Tooltip content={t("newChatShortcut")}>
            <Button asChild size="sm">
              <Link
                href="/"
                aria-label={t("newChat")}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // a new tab or window
                  e.preventDefault();
                  startNewChat();
                }}
              >
                <SquarePenIcon aria-hidden />
                {t("newChatButton")}
              </Link>
            </Button>
          </Tooltip>
        </div>
        <div className="px-3 pb-2">
          <label htmlFor="conversation-search" className="sr-only">
            {t("search")}
          </label>
          <Input
            id="conversation-search"
            type="search"
            size="sm"
            value={query}
            maxLength={200}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("search")}
          />
        </div>
        <nav aria-label={t("conversations")} className="flex-1 overflow-y-auto px-2 pb-2">
          {shown.length === 0 ? (
            <p className="px-2 py-4 text-sm text-fg-muted" role={search ? "status" : undefined}>
              {search ? (searching ? t("searching") : t("noMatch", { query: search })) : t("empty")}
            </p>
          ) : (
            <>
              {pinned.length > 0 && (
                <>
                  <h2 className="px-2 pt-1 pb-0.5 text-xs font-medium text-fg-muted">{t("pinned")}</h2>
                  <ul className="flex flex-col gap-0.5 pb-2" data-testid="pinned-list">
                    {pinned.map(item)}
                  </ul>
                </>
              )}
              <ul className="flex flex-col gap-0.5" data-testid="conversation-list">
                {rest.map(item)}
                {!search &&
                  list.more &&
                  (limit < LIST_MAX ? (
                    <ListEnd key={limit} loading={growing} onMore={more} />
                  ) : (
                    <li className="px-2 py-2 text-xs text-fg-muted">{t("searchOlder")}</li>
                  ))}
              </ul>
            </>
          )}
        </nav>
        {failed && (
          <Alert variant="danger" className="mx-2 mb-2">
            <span className="min-w-0 flex-1">{t("deleteFailed", { title: failed.title })}</span>
            <Button variant="link" size="xs" onClick={dismissFailure}>
              {t("dismiss")}
            </Button>
          </Alert>
        )}
        {pending.length > 0 && (
          <div role="status" className="mx-2 mb-2 rounded-md border border-border bg-bg p-2 text-sm shadow-sm">
            {pending.slice(-1).map((p) => (
              <div key={p.id} className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate">{t("deleted", { title: p.title })}</span>
                <Button variant="link" size="xs" onClick={() => undo(p.id)}>
                  {t("undo")}
                </Button>
              </div>
            ))}
          </div>
        )}
        <div className="flex flex-col gap-1 border-t border-border p-2 text-sm">
          <div className="flex items-center gap-1 pl-1">
            <span className="min-w-0 flex-1 truncate font-medium" title={user.email}>
              {user.name || user.email}
            </span>
            <KeyboardShortcuts />
            <ThemeSwitch />
            <LanguageSwitch />
          </div>
          <div className="flex flex-wrap items-center gap-0.5">
            <Button asChild variant="ghost" size="sm">
              <Link href="/usage">
                <ChartColumnIcon aria-hidden />
                {t("usage")}
              </Link>
            </Button>
            <Button asChild variant="ghost" size="sm">
              <Link href="/keys">
                <KeyRoundIcon aria-hidden />
                {t("apiKeys")}
              </Link>
            </Button>
            {user.role === "admin" && (
              <Button asChild variant="ghost" size="sm">
                <Link href="/admin/platforms">
                  <SettingsIcon aria-hidden />
                  {t("admin")}
                </Link>
              </Button>
            )}
            <SignOutButtons />
          </div>
        </div>
      </aside>
    </>
  );
}

/** The value once it has stopped changing for `ms` (a search per pause, not per keystroke). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
