import { z } from "zod";

/** What a caller may set through providerOptions.runware. */
export const runwareChatOptionsSchema = z.object({
  /** "none" switches thinking off; the documentation's other level is not named in our sources. */
  thinkingLevel: z.string().optional(),
  /** Offer the platform's server-side web search tool. */
  search: z.boolean().optional(),
  /** Offer the platform's server-side code interpreter. */
  codeInterpreter: z.boolean().optional(),
  /** Several results; the stream interleaves them by resultIndex (lib/chat/candidates.ts). */
  numberResults: z.number().int().min(1).max(4).optional(),
});
