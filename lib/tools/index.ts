import "server-only";
import type { Tool } from "ai";
import type { AllowedUrls } from "./allowed-urls";
import { currentTime } from "./current-time";
import { readWebPageTool } from "./read-web-page";
import { ToolError } from "./tool-error";

// The tools the server runs for the model. A turn offers them where the platform supports tool
// calling; the model may call tools and continue for at most MAX_TOOL_STEPS steps. Whatever a
// tool throws reaches the model and the card as a ToolError, never as a platform failure.

function guarded<T extends Tool>(tool: T): T {
  const execute = tool.execute;
  if (!execute) return tool;
  return {
    ...tool,
    execute: async (input: unknown, options: unknown) => {
      try {
        return await (execute as (i: unknown, o: unknown) => Promise<unknown>)(input, options);
      } catch (error) {
        if (error instanceof ToolError) throw error;
        throw new ToolError(error instanceof Error ? error.message : "The tool failed.");
      }
    },
  } as T;
}

/** The tools for one turn; `allowedUrls` holds the pages the user pointed to. */
export function builtinTools(allowedUrls: AllowedUrls) {
  return { current_time: guarded(currentTime), read_web_page: guarded(readWebPageTool(allowedUrls)) };
}

export const MAX_TOOL_STEPS = 5;
