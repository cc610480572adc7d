// A user of the app as the suite drives it: a cookie jar, requests as the app's own pages make
// them (same-origin JSON), chat turns read as the UI message stream, and sign-in through next-auth.
import { randomUUID } from "node:crypto";
import { APP } from "./instance";

export interface Turn {
  status: number;
  /** Parsed UI message stream chunks (or the JSON error body when refused). */
  chunks: Record<string, unknown>[];
  error?: { code?: string; message?: string };
  headers: Headers;
  /** The assistant message ids the stream announced. */
  messageIds: string[];
}

export class Browser {
  private readonly jar = new Map<string, string>();

  constructor(
    readonly label: string,
    /** The client address a trusted proxy reports (TRUSTED_PROXY_HOPS=1). */
    readonly address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
  ) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The session cookie, to replay it elsewhere (name=value). */
  get sessionCookie(): string | undefined {
    const found = [...this.jar].find(([name]) => name.endsWith("session-token"));
    return found && `${found[0]}=${found[1]}`;
  }

  setCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** A request as the app's own pages send it: the cookie, and for writes Origin and Sec-Fetch-Site. */
  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size && !headers.has("cookie")) headers.set("cookie", this.cookie);
    headers.set("x-forwarded-for", this.address);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      if (!headers.has("origin")) headers.set("origin", APP);
      if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
    }
    // An empty value leaves the header out (a client that does not send it).
    for (const [name, value] of [...headers]) if (value === "") headers.delete(name);
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const send = () => fetch(`${APP}${path}`, { redirect: "manual", ...init, headers, body });
    let res: Response;
    try {
      res = await send();
    } catch (error) {
      // A kept-alive connection the server had closed (after refusing a big body): once more,
      // on a new one. Only for bodies that can be sent again.
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      const resendable = !(body instanceof ReadableStream) && !init.signal?.aborted;
      if (!resendable || (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET")) throw error;
      res = await send();
    }
    this.setCookies(res);
    return res;
  }

  async json<T = Record<string, unknown>>(
    path: string,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const res = await this.fetch(path, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /**
   * POST /api/chat, read to the end; with `stopAfterMs`, the Stop button is pressed after that
   * long (DELETE /api/chat/<id>/stream: leaving the stream does not stop the answer); with
   * `leaveAfterMs`, the stream is left (the tab closed) after that long.
   */
  async chat(
    body: Record<string, unknown>,
    { stopAfterMs, leaveAfterMs }: { stopAfterMs?: number; leaveAfterMs?: number } = {},
  ): Promise<Turn> {
    const controller = new AbortController();
    const stop = () => void this.fetch(`/api/chat/${String(body.id)}/stream`, { method: "DELETE" }).catch(() => {});
    let timer = stopAfterMs !== undefined ? setTimeout(stop, stopAfterMs) : undefined;
    const chunks: Record<string, unknown>[] = [];
    try {
      const res = await this.fetch("/api/chat", { method: "POST", json: body, signal: controller.signal });
      // The stream is left once it has begun (a tab closed while the answer streams).
      if (leaveAfterMs !== undefined) timer = setTimeout(() => controller.abort(), leaveAfterMs);
      if (!res.ok || !res.body) {
        const text = await res.text();
        let error: Turn["error"];
        try {
          error = (JSON.parse(text) as { error?: Turn["error"] }).error;
        } catch {}
        return { status: res.status, chunks, error, headers: res.headers, messageIds: [] };
      }
      try {
        for await (const event of sseEvents(res.body)) {
          try {
            chunks.push(JSON.parse(event) as Record<string, unknown>);
          } catch {}
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
      const messageIds = chunks.filter((c) => c.type === "start" && c.messageId).map((c) => String(c.messageId));
      const failed = chunks.find((c) => c.type === "error");
      return {
        status: res.status,
        chunks,
        headers: res.headers,
        messageIds,
        error: failed ? { message: String(failed.errorText ?? "") } : undefined,
      };
    } catch (error) {
      if (controller.signal.aborted) return { status: 0, chunks, headers: new Headers(), messageIds: [] };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

async function* sseEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (data && data !== "[DONE]") yield data;
      end = buffer.indexOf("\n\n");
    }
  }
}

/** Signs in through next-auth's credentials endpoint, as the sign-in page does. */
export async function signIn(
  email: string,
  password: string,
  { headers = {} }: { headers?: Record<string, string> } = {},
): Promise<Browser> {
  const browser = new Browser(email);
  const csrf = await browser.fetch("/api/auth/csrf", { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await browser.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  await res.arrayBuffer();
  if (!browser.sessionCookie) throw new Error(`abuse: sign-in of ${email} failed (${res.status})`);
  return browser;
}

/** A chat request body for a new message: a new conversation unless `conversationId` is given. */
export function chatBody(
  text: string | string[],
  {
    conversationId = randomUUID(),
    parentId = null,
    ...rest
  }: { conversationId?: string; parentId?: string | null } & Record<string, unknown> = {},
): Record<string, unknown> {
  const parts = (Array.isArray(text) ? text : [text]).map((t) => ({ type: "text", text: t }));
  return {
    id: conversationId,
    message: { id: randomUUID(), role: "user", parts },
    parentId,
    connection: "env:default",
    model: "glm-5.1",
    thinking: false,
    tools: false,
    ...rest,
  };
}
