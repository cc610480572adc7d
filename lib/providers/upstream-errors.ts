import { APICallError, JSONParseError, RetryError, TypeValidationError } from "ai";
import { AppError, type ErrorCode } from "../errors";
import { appError } from "../i18n/app-error";
import type { ErrorKind as Kind, PlatformDescription } from "../shared/platforms";

// Turns whatever the AI SDK threw for an upstream call into our typed error, with a message that
// says what happened and what to do. The HTTP status gives the broad class; each platform's own
// error codes refine it (BigModel answers "insufficient balance" with 429, like a rate limit).

type Key = Parameters<typeof appError>[1];

/** What is kept of a platform's message and code: shown to the user, stored with the answer. */
const MAX_DETAIL_CHARS = 300;
const MAX_CODE_CHARS = 100;

/** Each kind of failure: its code, and its message (messages/<locale>/errors.json, upstream.*). */
const KINDS: Record<Kind, { code: ErrorCode; key: Key; withDetail?: Key; withStatus?: Key }> = {
  auth: { code: "upstream_auth", key: "upstream.auth" },
  balance: { code: "upstream_balance", key: "upstream.balance" },
  rate_limit: { code: "upstream_rate_limited", key: "upstream.rateLimit" },
  quota: { code: "upstream_quota", key: "upstream.quota" },
  prompt_too_long: { code: "upstream_prompt_too_long", key: "upstream.promptTooLong" },
  content_filter: { code: "upstream_content_filter", key: "upstream.contentFilter" },
  unsupported: { code: "upstream_unsupported", key: "upstream.unsupported", withDetail: "upstream.unsupportedDetail" },
  bad_request: { code: "upstream_bad_request", key: "upstream.badRequest", withDetail: "upstream.badRequestDetail" },
  unavailable: { code: "upstream_unavailable", key: "upstream.unavailable", withStatus: "upstream.unavailableStatus" },
};

/** `name` is what the user knows the connection as (an admin may have named it "GPU box"). */
export function upstreamError(error: unknown, platform: PlatformDescription, name = platform.label): AppError {
  if (error instanceof AppError) return error;
  const cause = RetryError.isInstance(error) ? (error.lastError ?? error) : error;
  if (JSONParseError.isInstance(cause) || TypeValidationError.isInstance(cause)) {
    return appError("upstream_error", "upstream.malformed", { platform: name }, { cause });
  }
  if (!APICallError.isInstance(cause)) {
    return appError("upstream_error", "upstream.brokeOff", { platform: name }, { cause });
  }
  const status = cause.statusCode;
  if (status === undefined) {
    return appError("upstream_unavailable", "upstream.unreachable", { platform: name }, { cause });
  }
  const body = errorBody(cause.responseBody) ?? { code: "", message: cause.message.trim().slice(0, MAX_DETAIL_CHARS) };
  const kind = platform.errorKind?.(body.code, body.message) ?? kindOfStatus(status);
  const { code, key, withDetail, withStatus } = KINDS[kind];
  const detail = body.message || undefined;
  const [wording, values] =
    withDetail && detail
      ? [withDetail, { platform: name, detail }]
      : withStatus
        ? [withStatus, { platform: name, status }]
        : [key, { platform: name }];
  return appError(code, wording, values, { cause, details: { status, platformCode: body.code || undefined } });
}

function kindOfStatus(status: number): Kind {
  if (status === 401 || status === 403) return "auth";
  if (status === 402) return "balance";
  if (status === 429) return "rate_limit";
  if (status === 413) return "prompt_too_long";
  if (status >= 500) return "unavailable";
  return "bad_request";
}

/** {code, message} from any of the platforms' error bodies. */
function errorBody(text: string | undefined): { code: string; message: string } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as {
      error?: { code?: unknown; message?: unknown } | string;
      code?: unknown;
      message?: unknown;
      errors?: { code?: unknown; message?: unknown }[];
    };
    const inner =
      typeof parsed.error === "object" && parsed.error !== null ? parsed.error : (parsed.errors?.[0] ?? parsed);
    const message = typeof inner.message === "string" ? inner.message.trim().slice(0, MAX_DETAIL_CHARS) : "";
    const code = inner.code === undefined || inner.code === null ? "" : String(inner.code).slice(0, MAX_CODE_CHARS);
    return { code, message };
  } catch {
    return undefined;
  }
}
