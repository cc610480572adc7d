"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import useSWR from "swr";
import { signOutAction } from "@/lib/auth/actions";
import { type ConversationListItem, conversationsKey, fetchConversations } from "./conversations-key";
import { useSidebar } from "./sidebar-state";

export function Sidebar({
  initialConversations,
  user,
}: {
  initialConversations: ConversationListItem[];
  user: { id: string; email: string; name: string | null; role: string };
}) {
  const pathname = usePathname();
  const { open, setOpen } = useSidebar();
  const { data } = useSWR(conversationsKey(user.id), fetchConversations, {
    fallbackData: initialConversations,
    revalidateOnMount: false,
  });
  return (
    <>
      {open && (
        <button
          type="button"
          aria-label="Close conversations"
          onClick={() => setOpen(false)}
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
        />
      )}
      <aside
        id="sidebar"
        className={`flex h-full w-64 shrink-0 flex-col border-r border-border bg-panel max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:z-40 ${open ? "" : "max-md:hidden"}`}
      >
        <div className="flex items-center justify-between p-3">
          <span className="font-semibold">GLM Chat</span>
          <Link
            href="/"
            className="rounded-md border border-border bg-bg px-2.5 py-1 text-sm hover:bg-muted"
            aria-label="New chat"
          >
            + New chat
          </Link>
        </div>
        <nav aria-label="Conversations" className="flex-1 overflow-y-auto px-2 pb-2">
          {data.length === 0 ? (
            <p className="px-2 py-4 text-sm text-fg-muted">No conversations yet.</p>
          ) : (
            <ul className="flex flex-col gap-0.5" data-testid="conversation-list">
              {data.map((c) => {
                const href = `/chat/${c.id}`;
                const active = pathname === href;
                return (
                  <li key={c.id}>
                    <Link
                      href={href}
                      aria-current={active ? "page" : undefined}
                      className={`block truncate rounded-md px-2 py-1.5 text-sm ${active ? "bg-muted font-medium" : "hover:bg-muted"}`}
                      title={c.title}
                    >
                      {c.title}
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </nav>
        <div className="flex items-center justify-between gap-2 border-t border-border p-3 text-sm">
          <span className="truncate" title={user.email}>
            {user.name || user.email}
          </span>
          {user.role === "admin" && (
            <Link href="/admin/platforms" className="ml-auto text-fg-muted underline hover:text-fg">
              Admin
            </Link>
          )}
          <form action={signOutAction}>
            <button type="submit" className="text-fg-muted underline hover:text-fg">
              Sign out
            </button>
          </form>
        </div>
      </aside>
    </>
  );
}
