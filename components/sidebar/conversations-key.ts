import { mutate } from "swr";

// The sidebar's list, shared through SWR so that the chat can ask it to refresh after a turn.
export const CONVERSATIONS_KEY = "/api/conversations";

export interface ConversationListItem {
  id: string;
  title: string;
  model: string;
  updatedAt: string | Date;
}

export async function fetchConversations(url: string): Promise<ConversationListItem[]> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`Could not load conversations (HTTP ${res.status}).`);
  const body = (await res.json()) as { conversations: ConversationListItem[] };
  return body.conversations;
}

export function refreshConversations(): void {
  void mutate(CONVERSATIONS_KEY);
}
