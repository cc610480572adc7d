import { z } from "zod";

// PATCH /api/conversations/[id]: what a user may change on a conversation of theirs.
export const conversationUpdateSchema = z
  .object({
    /** Show another branch: the leaf message to show last (lib/shared/chat/branches). */
    headId: z.string().min(1).max(100),
    title: z.string().trim().min(1, "A title cannot be empty.").max(120),
    pinned: z.boolean(),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Nothing to change.");
export type ConversationUpdate = z.infer<typeof conversationUpdateSchema>;
