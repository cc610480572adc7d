import { mutate } from "swr";
import { type ConversationList, LIST_PAGE } from "@/lib/shared/chat/conversation-list";

// The sidebar's list, shared through SWR so that the chat can ask it to refresh after a turn.
// The cache key carries the user id: SWR's cache outlives a sign-out and sign-in without a page
// load, and one user must never see another's titles from it.
export const CONVERSATIONS_URL = "/api/conversations";

/** The list's key: its search (none: the list), and how many unpinned conversations it holds. */
export type ConversationsKey = [url: string, userId: string, query: string, limit: number];

export function conversationsKey(userId: string, query = "", limit = LIST_PAGE): ConversationsKey {
  return [CONVERSATIONS_URL, userId, query, query ? 0 : limit];
}

export interface ConversationListItem {
  id: string;
  title: string;
  model: string;
  updatedAt: string | Date;
  pinnedAt?: string | Date | null;
  /** An answer settled here while the user was elsewhere (lib/chat/queries/conversations). */
  unseenAt?: string | Date | null;
  /** An answer is being written here now. */
  generating?: boolean;
  /** Of a search result: the newest message that matched, which the link opens the chat at. */
  hit?: string | null;
}

export async function fetchConversations([url, , query, limit]: ConversationsKey): Promise<
  ConversationList<ConversationListItem>
> {
  const target = query ? `${url}?q=${encodeURIComponent(query)}` : `${url}?limit=${limit}`;
  const res = await fetch(target, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`Could not load conversations (HTTP ${res.status}).`);
  return (await res.json()) as ConversationList<ConversationListItem>;
}

export function refreshConversations(): void {
  void mutate((key) => Array.isArray(key) && key[0] === CONVERSATIONS_URL);
}
