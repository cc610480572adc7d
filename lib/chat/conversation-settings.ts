import { z } from "zod";
import { chatParametersSchema } from "../shared/catalog/parameters";
import { systemPromptSchema } from "../shared/chat/presets";

// Per-conversation settings, stored as JSON on the conversation with each turn, so that a reload
// brings back the switches and parameters the conversation last used. Parsing with defaults keeps
// old rows readable.
export const conversationSettingsSchema = z.object({
  thinking: z.boolean().default(true),
  webSearch: z.boolean().default(false),
  tools: z.boolean().default(true),
  codeInterpreter: z.boolean().default(false),
  /** Summarize the earlier messages left out of a long conversation (lib/chat/context/summary.ts). */
  summarize: z.boolean().default(true),
  systemPrompt: systemPromptSchema.catch("").default(""),
  parameters: chatParametersSchema.catch({}).default({}),
});
export type ConversationSettings = z.infer<typeof conversationSettingsSchema>;

export function parseSettings(value: unknown): ConversationSettings {
  const parsed = conversationSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : conversationSettingsSchema.parse({});
}
