import { z } from "zod";

// Per-conversation settings stored as JSON on the conversation. Issue #4 adds sampling parameters
// and the system prompt; parsing with defaults keeps old rows readable.
export const conversationSettingsSchema = z.object({
  thinking: z.boolean().default(true),
});
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;

export function parseSettings(value: unknown): ConversationSettings {
  const parsed = conversationSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : conversationSettingsSchema.parse({});
}
