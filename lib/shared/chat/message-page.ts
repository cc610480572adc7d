import { z } from "zod";
import type { BranchNode } from "./branches";
import type { ChatMessage } from "./message";

// A page of a conversation (lib/chat/queries/message-pages): what the chat page is rendered with
// and what `GET /api/conversations/<id>/messages` answers, so that a long conversation opens with
// its latest messages and loads the rest as the reader scrolls up or switches versions.

export interface MessagePage {
  /** A stretch of one path of the conversation, oldest first. */
  messages: ChatMessage[];
  /** The versions of each of those messages (their siblings of any role), as nodes of the tree. */
  nodes: BranchNode[];
  /** How many messages the path has above the first of these (not read yet). */
  before: number;
  /**
   * What the whole conversation has cost so far (the header's totals), as of this read; absent
   * from the pages read while scrolling up, which leave the header as it was.
   */
  totals?: ConversationTotals;
}

/** A page the chat opens with or switches to (the latest, a version's path, a search's hit): with the totals. */
export type OpeningPage = MessagePage & { totals: ConversationTotals };

/** What the conversation has cost so far, every branch and version included, when it was read. */
export interface ConversationTotals {
  answers: number;
  inputTokens: number;
  outputTokens: number;
  /** In the currency of the first priced answer (null: nothing was priced). */
  cost: { micros: number; currency: string } | null;
}

/** Messages a page holds unless asked for more: a screenful several times over. */
export const PAGE_SIZE = 40;
/** The most messages one page may hold (a reader who jumps far up a long path). */
export const MAX_PAGE = 1_000;

/** Messages shown above a message a search found (`/chat/<id>?m=<message>`). */
export const ABOVE_FOUND = 10;

const messageId = z.string().min(1).max(100);

const above = z.coerce.number().int().min(0).max(200).default(0);

/**
 * Which page: the latest of the path shown (no parameter); the one before a message (`before`,
 * `limit` messages),
 * or all of the path before it back to an ancestor and `above` more (`before` and `until`: a
 * message a search found, far up a long path); or the path through a message down to its newest
 * leaf, with `above` of its ancestors (`through`: a version switched to).
 */
export const pageQuerySchema = z.union([
  z.object({ before: messageId, limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(PAGE_SIZE) }).strict(),
  z.object({ before: messageId, until: messageId, above }).strict(),
  z.object({ through: messageId, above }).strict(),
  z.object({}).strict(),
]);

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A conversation with nothing in it yet (a new chat). */
export const EMPTY_PAGE: OpeningPage = {
  messages: [],
  nodes: [],
  before: 0,
  totals: { answers: 0, inputTokens: 0, outputTokens: 0, cost: null },
};
