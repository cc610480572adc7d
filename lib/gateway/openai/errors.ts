import "server-only";
import { AppError } from "../../errors";
import { GatewayError } from "../errors";

// Errors in OpenAI's shape: `{ error: { message, type, param, code } }` with the status a client
// of OpenAI's API acts on. Budgets and rate limits are both 429 with Retry-After (a client retries
// or backs off; it knows no 402); the code says which.

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

interface Shaped {
  status: number;
  body: OpenAIErrorBody;
  retryAfterSeconds?: number;
}

const TYPE_OF_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  429: "rate_limit_error",
};

const typeOf = (status: number) => TYPE_OF_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");

/** The OpenAI error for anything a call threw (ours, the app's, or unexpected: 500 without details). */
export function openAIError(error: unknown, now = new Date()): Shaped {
  if (error instanceof GatewayError) {
    return {
      status: error.status,
      body: { error: { message: error.message, type: typeOf(error.status), param: error.param, code: error.code } },
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof AppError) {
    const details = (error.details ?? {}) as { retryAfterSeconds?: unknown; resetsAt?: unknown };
    if (error.code === "budget_exceeded") {
      // Until the budget's period resets (it cannot be known sooner: an admin may raise it).
      const resetsAt =
        details.resetsAt instanceof Date ? details.resetsAt.getTime() : Date.parse(String(details.resetsAt));
      const retryAfterSeconds = Number.isNaN(resetsAt)
        ? 3600
        : Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000));
      return {
        status: 429,
        body: { error: { message: error.message, type: "insufficient_quota", param: null, code: "budget_exceeded" } },
        retryAfterSeconds,
      };
    }
    if (error.code === "rate_limited") {
      const seconds = typeof details.retryAfterSeconds === "number" ? details.retryAfterSeconds : 1;
      return {
        status: 429,
        body: { error: { message: error.message, type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } },
        retryAfterSeconds: seconds,
      };
    }
    const upstreamRetry = error.code === "upstream_rate_limited" ? 5 : undefined;
    return {
      status: error.status,
      body: { error: { message: error.message, type: typeOf(error.status), param: null, code: error.code } },
      retryAfterSeconds: upstreamRetry,
    };
  }
  console.error("gateway: unexpected error", error);
  return {
    status: 500,
    body: {
      error: { message: "The server failed to handle the request.", type: "api_error", param: null, code: null },
    },
  };
}

export function openAIErrorResponse(error: unknown): Response {
  const { status, body, retryAfterSeconds } = openAIError(error);
  return Response.json(body, {
    status,
    headers: retryAfterSeconds === undefined ? undefined : { "Retry-After": String(retryAfterSeconds) },
  });
}
