import "server-only";
import type { Tool } from "ai";
import { ToolError } from "./tool-error";

// Whatever a tool throws reaches the model and the card as a ToolError (its message is the
// tool's result), never as a failure of the whole answer.

export function guarded<T extends Tool>(tool: T): T {
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
