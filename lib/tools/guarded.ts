import "server-only";
import type { Tool } from "ai";
import { ToolError } from "./tool-error";

// Every tool the model can call (built-in and MCP) runs through here:
// - whatever it throws reaches the model and the card as a ToolError (its message is the tool's
//   result), never as a failure of the whole answer;
// - at most MAX_TOOL_CALLS_PER_STEP of the calls the model makes in one step run; the others get
//   a ToolError saying so, and the model goes on with the results it has;
// - a result (or error) is at most MAX_TOOL_RESULT_CHARS characters as the model reads it (text,
//   or the JSON of a structured result): results are stored with the answer and resent with the
//   conversation at every later step and turn.

export const MAX_TOOL_CALLS_PER_STEP = 8;
export const MAX_TOOL_RESULT_CHARS = 32_000;

/**
 * Calls started per step. The AI SDK hands every call of one step the same `messages` array (the
 * step's prompt), so that array identifies the step; a WeakMap forgets it with the step. A test
 * (guarded.test.ts) drives streamText to hold the SDK to this.
 */
const callsPerStep = new WeakMap<object, number>();

function admitCall(options: unknown): void {
  const step = (options as { messages?: unknown } | undefined)?.messages;
  if (typeof step !== "object" || step === null) return;
  const started = (callsPerStep.get(step) ?? 0) + 1;
  callsPerStep.set(step, started);
  if (started > MAX_TOOL_CALLS_PER_STEP) {
    throw new ToolError(
      `Not run: at most ${MAX_TOOL_CALLS_PER_STEP} tool calls run at once, and this step asked for more. ` +
        "Call it again in a later step if it is still needed.",
    );
  }
}

function cut(text: string): string {
  return `${text.slice(0, MAX_TOOL_RESULT_CHARS)}\n[… cut at ${MAX_TOOL_RESULT_CHARS.toLocaleString("en")} characters]`;
}

/** The result as the model may read it: unchanged if small enough, else its text (or JSON) cut. */
export function boundedResult(output: unknown): unknown {
  if (typeof output === "string") return output.length > MAX_TOOL_RESULT_CHARS ? cut(output) : output;
  if (output === undefined || output === null || typeof output !== "object") return output;
  const json = JSON.stringify(output);
  return json !== undefined && json.length > MAX_TOOL_RESULT_CHARS ? cut(json) : output;
}

export function guarded<T extends Tool>(tool: T): T {
  const execute = tool.execute;
  if (!execute) return tool;
  return {
    ...tool,
    execute: async (input: unknown, options: unknown) => {
      admitCall(options);
      try {
        return boundedResult(await (execute as (i: unknown, o: unknown) => Promise<unknown>)(input, options));
      } catch (error) {
        const message = error instanceof Error ? error.message : "The tool failed.";
        if (error instanceof ToolError && message.length <= MAX_TOOL_RESULT_CHARS) throw error;
        throw new ToolError(message.length > MAX_TOOL_RESULT_CHARS ? cut(message) : message);
      }
    },
  } as T;
}
