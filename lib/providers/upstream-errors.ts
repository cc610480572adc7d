import { APICallError, RetryError } from "ai";
import { AppError } from "../errors";
import type { PlatformDescription } from "./platforms";

// Turns whatever the AI SDK threw for an upstream call into our typed error, with a message that
// tells the user what happened and what to do. Issue #3 refines this per platform error body.

export function upstreamError(error: unknown, platform: PlatformDescription): AppError {
  if (error instanceof AppError) return error;
  const cause = RetryError.isInstance(error) ? (error.lastError ?? error) : error;
  const name = platform.label;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    const detail = upstreamMessage(cause.responseBody);
    if (status === 401 || status === 403) {
      return new AppError("upstream_auth", `The API key for ${name} was rejected — ask an admin to update it.`, {
        cause,
      });
    }
    if (status === 429) {
      return new AppError(
        "upstream_rate_limited",
        `${name} is rate-limiting requests right now. Wait a moment and try again.`,
        { cause, details: detail },
      );
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return new AppError("upstream_bad_request", `${name} refused the request${detail ? `: ${detail}` : "."}`, {
        cause,
      });
    }
    if (status !== undefined && status >= 500) {
      return new AppError(
        "upstream_unavailable",
        `${name} is temporarily unavailable (HTTP ${status}). Try again in a minute.`,
        { cause },
      );
    }
    return new AppError("upstream_unavailable", `Could not reach ${name}. Check GLM_BASE_URL and the network.`, {
      cause,
    });
  }
  return new AppError("upstream_error", `The answer from ${name} broke off unexpectedly. Try again.`, { cause });
}

function upstreamMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown }; message?: unknown };
    const message = parsed.error?.message ?? parsed.message;
    return typeof message === "string" ? message.trim().slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}
