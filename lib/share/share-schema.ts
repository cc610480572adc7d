import { z } from "zod";

// What the owner chooses when making a share link.

export const SHARE_MODES = ["snapshot", "live"] as const;

export const shareOptionsSchema = z.object({
  /** snapshot: the conversation as it is now; live: as it is whenever the link is opened. */
  mode: z.enum(SHARE_MODES).default("snapshot"),
  showThinking: z.boolean().default(false),
  /** Off unless chosen: a tool's arguments and results may hold what the reader should not see. */
  showTools: z.boolean().default(false),
  showUsage: z.boolean().default(false),
});
export type ShareOptions = z.infer<typeof shareOptionsSchema>;
