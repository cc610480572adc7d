import { z } from "zod";
import { platformErrorHandler } from "../shared/http";

// The wire shapes of DashScope's native text-generation endpoint: the messages and tools a
// request carries in `input` and `parameters`, the result (a whole answer, or one event of a
// stream), and the error body `{code, message, request_id}`.

/** The same roles and tool-call shape as the OpenAI-compatible mode, reasoning as `reasoning_content`. */
export type DashScopeNativeMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | {
      role: "assistant";
      content: string;
      reasoning_content?: string;
      tool_calls?: DashScopeNativeMessageToolCall[];
    }
  | { role: "tool"; tool_call_id: string; content: string };

export interface DashScopeNativeMessageToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface DashScopeNativeFunctionTool {
  type: "function";
  function: { name: string; description: string | undefined; parameters: unknown };
}

export type DashScopeNativeToolChoice =
  | "auto"
  | "none"
  | "required"
  | { type: "function"; function: { name: string } }
  | undefined;

/** Cumulative in every event of a stream. */
export const dashScopeNativeUsageSchema = z
  .object({
    input_tokens: z.number().optional(),
    output_tokens: z.number().optional(),
    total_tokens: z.number().optional(),
    output_tokens_details: z.object({ reasoning_tokens: z.number().optional() }).nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().optional() }).nullish(),
  })
  .nullish();
export type DashScopeNativeUsage = z.infer<typeof dashScopeNativeUsageSchema>;

/** A tool call, whole or (with tool_stream) a fragment: the first has id and name, the rest `"id":""`. */
const toolCallSchema = z.object({
  index: z.number().optional(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** A whole answer, or one `event:result` of a stream (deltas with incremental_output). */
export const dashScopeNativeResultSchema = z.object({
  output: z.object({
    choices: z.array(
      z.object({
        message: z.object({
          role: z.string().nullish(),
          content: z.string().nullish(),
          reasoning_content: z.string().nullish(),
          tool_calls: z.array(toolCallSchema).nullish(),
        }),
        // The string "null" while a stream goes on.
        finish_reason: z.string().nullish(),
      }),
    ),
  }),
  usage: dashScopeNativeUsageSchema,
  request_id: z.string().nullish(),
});

/** A failed response's body, and the data of an `event:error` inside a stream. */
export const dashScopeNativeErrorSchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  request_id: z.string().optional(),
});

/** A failed response (before any stream): its code and message, as an APICallError with the HTTP status. */
export const dashScopeNativeFailedResponseHandler = platformErrorHandler((json) => {
  const body = dashScopeNativeErrorSchema.parse(json);
  return [body.code, body.message].filter(Boolean).join(": ");
});
