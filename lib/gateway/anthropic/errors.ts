import "server-only";
import { openAIError } from "../openai/errors";
import type { AnthropicEvent } from "./stream-events";

// Errors in Anthropic's shape: `{ type: "error", error: { type, message } }`, the type by status as
// Anthropic's API words it. The status, message and Retry-After are the OpenAI side's (one mapping
// of our errors to statuses: budgets and rate limits are both 429 with Retry-After).

export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
}

const TYPE_OF_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  503: "overloaded_error",
  529: "overloaded_error",
};

export const anthropicErrorType = (status: number) =>
  TYPE_OF_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");

export function anthropicError(
  error: unknown,
  now = new Date(),
): { status: number; body: AnthropicErrorBody; retryAfterSeconds?: number } {
  const { status, body, retryAfterSeconds } = openAIError(error, now);
  return {
    status,
    body: { type: "error", error: { type: anthropicErrorType(status), message: body.error.message } },
    retryAfterSeconds,
  };
}

/** The error as a streamed event (after the response has begun). */
export const anthropicErrorEvent = (error: unknown): AnthropicEvent =>
  anthropicError(error).body as unknown as AnthropicEvent;

export function anthropicErrorResponse(error: unknown): Response {
  const { status, body, retryAfterSeconds } = anthropicError(error);
  return Response.json(body, {
    status,
    headers: retryAfterSeconds === undefined ? undefined : { "Retry-After": String(retryAfterSeconds) },
  });
}
