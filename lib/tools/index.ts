import "server-only";
import type { AllowedUrls } from "./allowed-urls";
import { currentTime } from "./current-time";
import { guarded } from "./guarded";
import { readWebPageTool } from "./read-web-page";

// The tools the server runs for the model. A turn offers them where the platform supports tool
// calling; the model may call tools and continue for at most MAX_TOOL_STEPS steps. Every tool
// (these and the MCP ones) runs through guarded(): whatever it throws reaches the model and the
// card as a ToolError, never as a platform failure; at most MAX_TOOL_CALLS_PER_STEP calls of a
// step run; a result is cut to MAX_TOOL_RESULT_CHARS.

/** The tools for one turn; `allowedUrls` holds the pages the user pointed to. */
export function builtinTools(allowedUrls: AllowedUrls) {
  return { current_time: guarded(currentTime), read_web_page: guarded(readWebPageTool(allowedUrls)) };
}

export const MAX_TOOL_STEPS = 5;

/** What the built-in tools' definitions add to a prompt, at most (two short descriptions and schemas). */
export const TOOL_DEFINITIONS_TOKENS = 400;
