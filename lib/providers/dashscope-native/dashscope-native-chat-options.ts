import { z } from "zod";

/** Request options a caller may set through providerOptions.dashscope. */
export const dashScopeNativeChatOptionsSchema = z.object({
  enable_thinking: z.boolean().optional(),
  thinking_budget: z.number().int().positive().optional(),
  enable_search: z.boolean().optional(),
  tool_stream: z.boolean().optional(),
  top_k: z.number().int().positive().optional(),
});
