import { z } from "zod";

// The sidebar's list of conversations (lib/chat/queries/conversations): what the chat layout is
// rendered with and what `GET /api/conversations` answers. It starts with the newest LIST_PAGE
// and grows by as many while the reader scrolls down it; the pinned ones are always in it.

/** Conversations the list starts with, and adds each time the reader reaches its end. */
export const LIST_PAGE = 50;
/** The longest list (older conversations are found by searching). */
export const LIST_MAX = 1_000;
/** Pinned conversations listed at most (pinning is for a few). */
export const PINNED_MAX = 100;

/** The list: the pinned, then the newest others; `more`: older ones exist (the sidebar asks for more). */
export interface ConversationList<Item> {
  conversations: Item[];
  more: boolean;
}

/** `?q=` searches (lib/chat/queries/conversations); `?limit=` is how many unpinned ones to list. */
export const listQuerySchema = z
  .object({
    q: z.string().trim().max(200, "A search can be at most 200 characters.").default(""),
    limit: z.coerce.number().int().min(1).max(LIST_MAX).default(LIST_PAGE),
  })
  .strict();
