import { readFileSync } from "node:fs";
import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { convertArrayToReadableStream } from "@ai-sdk/provider-utils/test";

// Recorded platform answers, replayed through a provider's `fetch`, as vercel/ai's provider
// packages test theirs. The recordings come from our simulator (scripts/record-provider-fixtures.ts):
// `<name>.chunks.txt` is a streamed body exactly as the platform sent it, replayed one event (the
// text up to and including its blank line) per network chunk; `<name>.json` is a whole body.

export interface ReplayedRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The events of a recorded stream, each with its blank line, in the order they were sent. */
export function recordedChunks(file: URL): string[] {
  return readFileSync(file, "utf8").split(/(?<=\n\n)/);
}

export function recordedJson(file: URL): string {
  return readFileSync(file, "utf8");
}

/**
 * A fetch that answers every request with a recording, and keeps the requests it received.
 * `hangAfter`: the stream stops after that many chunks and waits, as a slow platform does, until
 * the request is aborted; its body then fails with the abort reason, as fetch's does.
 */
export function replayFetch(response: { chunks: string[]; hangAfter?: number } | { json: string; status?: number }): {
  fetch: typeof globalThis.fetch;
  requests: ReplayedRequest[];
} {
  const requests: ReplayedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: JSON.parse(String(init?.body)),
    });
    if ("json" in response) {
      return new Response(response.json, {
        status: response.status ?? 200,
        headers: { "content-type": "application/json" },
      });
    }
    const encoder = new TextEncoder();
    const chunks = response.chunks.map((chunk) => encoder.encode(chunk));
    const body =
      response.hangAfter === undefined
        ? convertArrayToReadableStream(chunks)
        : hangingStream(chunks.slice(0, response.hangAfter), init?.signal);
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  };
  return { fetch, requests };
}

function hangingStream(chunks: Uint8Array[], signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < chunks.length) {
        controller.enqueue(chunks[next++]);
        return;
      }
      return new Promise<void>((resolve) => {
        const fail = () => {
          controller.error(signal?.reason);
          resolve();
        };
        if (signal?.aborted) fail();
        else signal?.addEventListener("abort", fail, { once: true });
      });
    },
  });
}

/** Everything a stream said in one kind of delta, joined: the answer, or its reasoning. */
export function joinedDeltas(parts: LanguageModelV3StreamPart[], type: "text-delta" | "reasoning-delta"): string {
  return parts.flatMap((part) => (part.type === type ? [part.delta] : [])).join("");
}

/** The parts of one type, in order. */
export function partsOf<T extends LanguageModelV3StreamPart["type"]>(
  parts: LanguageModelV3StreamPart[],
  type: T,
): Extract<LanguageModelV3StreamPart, { type: T }>[] {
  return parts.filter((part): part is Extract<LanguageModelV3StreamPart, { type: T }> => part.type === type);
}
