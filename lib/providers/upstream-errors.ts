import { APICallError, JSONParseError, RetryError, TypeValidationError } from "ai";
import { AppError, type ErrorCode } from "../errors";
import type { ErrorKind as Kind, PlatformDescription } from "./platforms";

// Turns whatever the AI SDK threw for an upstream call into our typed error, with a message that
// says what happened and what to do. The HTTP status gives the broad class; each platform's own
// error codes refine it (BigModel answers "insufficient balance" with 429, like a rate limit).

const MESSAGES: Record<Kind, { code: ErrorCode; text: (p: string, detail?: string, status?: number) => string }> = {
  auth: { code: "upstream_auth", text: (p) => `The API key for ${p} was rejected — ask an admin to update it.` },
  balance: {
    code: "upstream_balance",
    text: (p) => `The ${p} account has run out of balance — ask an admin to top it up.`,
  },
  rate_limit: {
    code: "upstream_rate_limited",
    text: (p) => `${p} is rate-limiting requests right now. Wait a moment and try again.`,
  },
  quota: {
    code: "upstream_quota",
    text: (p) => `The ${p} quota is used up for now. Try again later, or ask an admin to raise it.`,
  },
  prompt_too_long: {
    code: "upstream_prompt_too_long",
    text: (p) => `This conversation is too long for the model on ${p}. Start a new chat or shorten your message.`,
  },
  content_filter: {
    code: "upstream_content_filter",
    text: (p) => `${p} declined this request under its content rules. Rephrase your message and try again.`,
  },
  unsupported: {
    code: "upstream_unsupported",
    text: (p, d) => `${p} does not support this request${d ? `: ${d}` : "."} Try another model or platform.`,
  },
  bad_request: { code: "upstream_bad_request", text: (p, d) => `${p} refused the request${d ? `: ${d}` : "."}` },
  unavailable: {
    code: "upstream_unavailable",
    text: (p, _d, status) =>
      `${p} is temporarily unavailable${status ? ` (HTTP ${status})` : ""}. Try again in a minute.`,
  },
};

/** `name` is what the user knows the connection as (an admin may have named it "GPU box"). */
export function upstreamError(error: unknown, platform: PlatformDescription, name = platform.label): AppError {
  if (error instanceof AppError) return error;
  const cause = RetryError.isInstance(error) ? (error.lastError ?? error) : error;
  if (JSONParseError.isInstance(cause) || TypeValidationError.isInstance(cause)) {
    return new AppError(
      "upstream_error",
      `Part of the answer from ${name} could not be read (a malformed chunk), so the text may have a gap. Try again if it matters.`,
      { cause },
    );
  }
  if (!APICallError.isInstance(cause)) {
    return new AppError("upstream_error", `The answer from ${name} broke off unexpectedly. Try again.`, { cause });
  }
  const status = cause.statusCode;
  if (status === undefined) {
    return new AppError("upstream_unavailable", `Could not reach ${name}. Check its base URL and the network.`, {
      cause,
    });
  }
  const body = errorBody(cause.responseBody) ?? { code: "", message: cause.message };
  const kind = platform.errorKind?.(body.code, body.message) ?? kindOfStatus(status);
  const { code, text } = MESSAGES[kind];
  return new AppError(code, text(name, body.message || undefined, status), {
    cause,
    details: { status, platformCode: body.code || undefined },
  });
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
    const message = typeof inner.message === "string" ? inner.message.trim().slice(0, 300) : "";
    const code = inner.code === undefined || inner.code === null ? "" : String(inner.code);
    return { code, message };
  } catch {
    return undefined;
  }
}
