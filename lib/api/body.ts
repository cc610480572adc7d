import "server-only";
import { appError } from "../i18n/app-error";

// Request bodies are read up to a limit and no further: refused from Content-Length before a
// byte is read, and counted as they arrive otherwise (chunked, or a Content-Length that lies),
// the upload cancelled as soon as the count passes the limit. Nothing is parsed until every byte
// is in, so the limit also bounds what JSON.parse costs.
//
// A refused body is still taken off the connection, and dropped, up to a few MiB for a second:
// a server that closes a connection with bytes unread resets it, and the client then loses the
// 413 it was sent (a "network error" instead of the reason). Past that, the connection is reset.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Bytes a request body may have (README, "Limits"). */
export const BODY_LIMITS = {
  /** A chat turn: one new message (at most 100,000 characters, ~300 KB in Chinese) and its settings. */
  chat: 1 * MiB,
  /** Every other JSON route; the largest is a preset (a 20,000-character system prompt, ~60 KB in Chinese). */
  json: 64 * KiB,
  /** A call of the team's API (/v1): the whole conversation, which the client sends every time. */
  api: 8 * MiB,
  /** next-auth's own endpoints: a sign-in form and its CSRF token. */
  auth: 16 * KiB,
} as const;

/** What a refused body may still be drained of, in all, and for how long. */
export const DRAIN_BYTES = 8 * MiB;
const DRAIN_MS = 1_000;

/** Reads what is left of a refused body and drops it, within DRAIN_BYTES (`read`: already taken) and DRAIN_MS. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number): Promise<void> {
  const deadline = setTimeout(() => reader.cancel().catch(() => {}), DRAIN_MS);
  try {
    for (let taken = read; taken <= DRAIN_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      taken += value.byteLength;
    }
    // Stops the upload: nothing more is taken off the connection.
    await reader.cancel();
  } catch {
    // Cancelled at the deadline, or the client went away.
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * Takes what is left of a refused request's body off the connection (above), unless it was read
 * already or declares more than DRAIN_BYTES. For every refusal, whichever check made it.
 */
export async function dropBody(request: Request): Promise<void> {
  if (!request.body || request.body.locked) return;
  if ((declaredLength(request.headers) ?? 0) > DRAIN_BYTES) return;
  await drain(request.body.getReader(), 0);
}

/** The body's length as the client declares it, or null when it does not (chunked) or says nonsense. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length")?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

export function tooLarge(maxBytes: number) {
  return appError("payload_too_large", "payloadTooLarge", { limit: formatBytes(maxBytes) });
}

/** The whole body, at most `maxBytes` of it (413 beyond). */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if ((declaredLength(request.headers) ?? 0) > maxBytes) {
    // Refused before a byte is kept.
    await dropBody(request);
    throw tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader, size);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0].buffer instanceof ArrayBuffer) return chunks[0] as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder();

/** The body as JSON, at most `maxBytes` of it (413 beyond, 400 when it is not JSON). */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const bytes = await readBody(request, maxBytes);
  try {
    // As Request.json() decodes: UTF-8, a byte-order mark dropped, bad bytes replaced.
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw appError("bad_request", "badJson");
  }
}

/** "64 KiB", "1 MiB": how the limits are written in README and in the error. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} bytes`;
}
