import { APICallError, type LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { ResponseHandler } from "@ai-sdk/provider-utils";

// Plumbing shared by the providers we write ourselves (DashScope native, Runware): the raw
// response body for a stream, platform error bodies as APICallError, and the bookkeeping of
// reasoning and text parts.

/** The response body, unparsed: each provider reads its own event format. */
export function bodyStreamHandler(platform: string): ResponseHandler<ReadableStream<Uint8Array>> {
  return async ({ response }) => {
    if (!response.body) throw new Error(`${platform} answered with an empty body.`);
    return { value: response.body, responseHeaders: Object.fromEntries(response.headers.entries()) };
  };
}

/**
 * A failed response as an APICallError whose message is the platform's own code and message
 * (`describe` reads them from the parsed JSON body; a body that is not JSON is kept as text).
 */
export function platformErrorHandler(describe: (json: unknown) => string | undefined): ResponseHandler<APICallError> {
  return async ({ response, url, requestBodyValues }) => {
    const text = await readStart(response, MAX_ERROR_BODY_BYTES);
    let message = text;
    try {
      message = describe(JSON.parse(text)) || text;
    } catch {
      // not JSON: keep the raw text
    }
    const responseHeaders = Object.fromEntries(response.headers.entries());
    return {
      responseHeaders,
      value: new APICallError({
        message,
        url,
        requestBodyValues,
        statusCode: response.status,
        responseHeaders,
        responseBody: text,
        isRetryable: response.status === 429 || response.status >= 500,
      }),
    };
  };
}

/** An error body is read this far (a platform's error is a short JSON; a proxy's page is not). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The first `max` bytes of a body as text; the rest is not read. */
async function readStart(response: Response, max: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= max) await reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(size, max));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += Math.min(chunk.length, bytes.length - at);
  }
  return new TextDecoder().decode(bytes);
}

/** Opens and closes the reasoning and text parts around the deltas of one answer. */
export class TextParts {
  private reasoningOpen = false;
  private textOpen = false;

  constructor(private readonly enqueue: (part: LanguageModelV3StreamPart) => void) {}

  reasoning(delta: string): void {
    if (!this.reasoningOpen) {
      this.reasoningOpen = true;
      this.enqueue({ type: "reasoning-start", id: "reasoning-0" });
    }
    this.enqueue({ type: "reasoning-delta", id: "reasoning-0", delta });
  }

  text(delta: string): void {
    this.endReasoning();
    if (!this.textOpen) {
      this.textOpen = true;
      this.enqueue({ type: "text-start", id: "text-0" });
    }
    this.enqueue({ type: "text-delta", id: "text-0", delta });
  }

  close(): void {
    this.endReasoning();
    if (this.textOpen) {
      this.textOpen = false;
      this.enqueue({ type: "text-end", id: "text-0" });
    }
  }

  private endReasoning(): void {
    if (this.reasoningOpen) {
      this.reasoningOpen = false;
      this.enqueue({ type: "reasoning-end", id: "reasoning-0" });
    }
  }
}
