import { tool, zodSchema } from "ai";
import { z } from "zod";

// The current date and time in a time zone: models know neither, and a team asks for both.

export const currentTime = tool({
  description:
    "Get the current date and time in a time zone. Use it whenever the answer depends on today's date or the time now.",
  inputSchema: zodSchema(
    z.object({
      timezone: z.string().min(1).max(64).describe("An IANA time zone name, such as Asia/Shanghai or Europe/Berlin."),
    }),
  ),
  execute: async ({ timezone }) => {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat("en-US", { timeZone: timezone, dateStyle: "full", timeStyle: "long" });
    } catch {
      throw new Error(`"${timezone}" is not an IANA time zone name (for example Asia/Shanghai).`);
    }
    const now = new Date();
    return { timezone: format.resolvedOptions().timeZone, local: format.format(now), utc: now.toISOString() };
  },
});
