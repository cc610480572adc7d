import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Middleware } from "@ai-sdk/provider";
import { APICallError } from "ai";
import type { PlatformDescription } from "../shared/platforms";
import { upstreamError } from "./upstream-errors";

// What happens before the first token when the platform says no: a rate limit waits for its
// Retry-After (bounded, so that nobody stares at dots for a minute), a server error retries with
// a short exponential backoff, and once those are spent an unavailable model gives way to the
// next model of the fallback chain. Errors that waiting cannot fix (bad key, empty balance,
// quota, refused content) fail at once. Once a stream has started nothing is retried: the user
// has seen tokens. Use with maxRetries: 0, so that the AI SDK does not retry on top of this.

export interface ResilienceOptions {
  platform: PlatformDescription;
  /** Models to try, in order, when the requested one stays unavailable. */
  fallbacks?: LanguageModelV3[];
  maxRetries?: number;
  /** Longest single wait, honouring Retry-After; a longer Retry-After fails instead. */
  maxWaitMs?: number;
  baseDelayMs?: number;
  /** How long one attempt may wait for the platform's response headers before it counts as failed. */
  headersTimeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const TRANSIENT = new Set(["upstream_rate_limited", "upstream_unavailable"]);

export function resilience({
  platform,
  fallbacks = [],
  maxRetries = 2,
  maxWaitMs = 10_000,
  baseDelayMs = 500,
  headersTimeoutMs = 60_000,
  sleep = abortableSleep,
}: ResilienceOptions): LanguageModelV3Middleware {
  /**
   * One attempt with its own limit on waiting for the response headers: a server that accepts
   * the connection and never answers would otherwise hold the user for minutes, with no retry or
   * fallback. Once the headers have arrived the stream is left alone.
   */
  async function withHeadersTimeout<T>(
    run: (params: LanguageModelV3CallOptions) => PromiseLike<T>,
    params: LanguageModelV3CallOptions,
  ): Promise<T> {
    const attempt = new AbortController();
    const signal = params.abortSignal ? AbortSignal.any([params.abortSignal, attempt.signal]) : attempt.signal;
    const timer = setTimeout(
      () =>
        attempt.abort(
          new APICallError({
            message: `${platform.label} sent no answer within ${Math.max(1, Math.round(headersTimeoutMs / 1000))} s.`,
            url: "",
            requestBodyValues: {},
            isRetryable: true,
          }),
        ),
      headersTimeoutMs,
    );
    try {
      return await run({ ...params, abortSignal: signal });
    } catch (error) {
      throw attempt.signal.aborted && !params.abortSignal?.aborted ? attempt.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function attempt<T>(call: () => PromiseLike<T>, signal: AbortSignal | undefined): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await call();
      } catch (error) {
        const kind = upstreamError(error, platform).code;
        if (!TRANSIENT.has(kind) || retry >= maxRetries || signal?.aborted) throw error;
        const wait = retryAfterMs(error) ?? baseDelayMs * 2 ** retry;
        if (wait > maxWaitMs) throw error;
        await sleep(wait, signal);
      }
    }
  }

  async function withFallbacks<T>(
    run: (model: LanguageModelV3 | null) => PromiseLike<T>,
    params: LanguageModelV3CallOptions,
  ): Promise<T> {
    let lastError: unknown;
    for (const model of [null, ...fallbacks]) {
      try {
        return await attempt(() => run(model), params.abortSignal);
      } catch (error) {
        lastError = error;
        if (upstreamError(error, platform).code !== "upstream_unavailable" || params.abortSignal?.aborted) throw error;
      }
    }
    throw lastError;
  }

  return {
    specificationVersion: "v3",
    wrapStream: ({ model, params }) =>
      withFallbacks((m) => withHeadersTimeout((p) => (m ?? model).doStream(p), params), params),
    wrapGenerate: ({ model, params }) =>
      withFallbacks((m) => withHeadersTimeout((p) => (m ?? model).doGenerate(p), params), params),
  };
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  const value = headers?.["retry-after-ms"] ?? headers?.["retry-after"];
  if (!value) return undefined;
  if (headers?.["retry-after-ms"]) return Number(value);
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
