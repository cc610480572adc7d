// One typed error for everything the user may see: a stable code, the HTTP status a route
// answers with, and a message that says what went wrong and what to do.

export const ERROR_CODES = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  /** A request body over the route's byte limit (lib/api/body). */
  payload_too_large: 413,
  /** A write to an API route that is not JSON. */
  unsupported_media_type: 415,
  conflict: 409,
  /** A monthly budget (the user's or the team's) cannot cover the request. */
  budget_exceeded: 402,
  /** The user started too many requests this minute. */
  rate_limited: 429,
  /** A per-user storage quota (bytes, conversations, share links, presets) would be passed. */
  quota_exceeded: 403,
  /** Even the latest turn does not fit the model's context window (lib/chat/context). */
  context_too_long: 413,
  no_platform: 503,
  upstream_auth: 502,
  upstream_rate_limited: 429,
  upstream_balance: 402,
  upstream_quota: 429,
  upstream_prompt_too_long: 413,
  upstream_content_filter: 422,
  upstream_unsupported: 422,
  upstream_bad_request: 502,
  upstream_unavailable: 503,
  upstream_error: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Where the message comes from (messages/<locale>/errors.json), to word it in the user's language. */
export interface ErrorText {
  key: string;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly text?: ErrorText;

  constructor(code: ErrorCode, message: string, options?: { details?: unknown; cause?: unknown; text?: ErrorText }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CODES[code];
    this.details = options?.details;
    this.text = options?.text;
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export function errorResponse(error: AppError): Response {
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return Response.json(error.toJSON(), {
    status: error.status,
    headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined,
  });
}
