import { z } from "zod";
import { chatParametersSchema } from "../catalog/parameters";

// A saved starting point for conversations: a system prompt and sampling parameters, by name.

export const MAX_SYSTEM_PROMPT_CHARS = 20_000;

export const systemPromptSchema = z
  .string()
  .max(
    MAX_SYSTEM_PROMPT_CHARS,
    `A system prompt can be at most ${MAX_SYSTEM_PROMPT_CHARS.toLocaleString("en")} characters.`,
  );

export const presetInputSchema = z.object({
  name: z.string().trim().min(1, "Give the preset a name.").max(60),
  systemPrompt: systemPromptSchema,
  parameters: chatParametersSchema.default({}),
});
export type PresetInput = z.infer<typeof presetInputSchema>;

export interface Preset extends PresetInput {
  id: string;
}
