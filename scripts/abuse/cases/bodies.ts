// Issue #13 item 2: bodies are refused from their size before they are read whole: by
// Content-Length, and while streaming when there is none. The server's memory must barely move.
import { randomUUID } from "node:crypto";
import { actionId } from "../actions";
import type { Browser } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { APP } from "../instance";
import { type RawRequest, sendRaw } from "../raw-http";
import { watchRss } from "./support";

const MB = 1024 * 1024;
/** How much the server's memory may grow while it refuses a big body. */
export const RSS_GROWTH_MB = 32;

function sameOrigin(browser: Browser, contentType: string): Record<string, string> {
  return {
    Cookie: browser.cookie,
    Origin: APP,
    "Sec-Fetch-Site": "same-origin",
    "Content-Type": contentType,
    "X-Forwarded-For": browser.address,
  };
}

async function refuse(ctx: Ctx, request: RawRequest): Promise<Outcome> {
  const { result, before, peak } = await watchRss(ctx.app, () => sendRaw(request));
  const checks = [check("memory", peak - before <= RSS_GROWTH_MB, `RSS ${before} → ${peak} MB`)];
  // Socket buffers take a few MB whatever the server does: only a big body shows that it stopped.
  if (request.body.bytes >= 32 * MB) {
    const sent = `${Math.round(result.sent / MB)} of ${Math.round(request.body.bytes / MB)} MB sent`;
    checks.push(check("stopped reading", result.sent < request.body.bytes / 2, sent));
  }
  return { status: result.status, checks };
}

const preset = (bytes: number) => ({ prefix: '{"name":"big","systemPrompt":"', fill: "a", bytes, suffix: '"}' });

export const presetWithLength = (ctx: Ctx) =>
  refuse(ctx, {
    path: "/api/presets",
    headers: sameOrigin(ctx.attacker, "application/json"),
    body: preset(60 * MB),
    framing: "length",
  });

export const presetChunked = (ctx: Ctx) =>
  refuse(ctx, {
    path: "/api/presets",
    headers: sameOrigin(ctx.attacker, "application/json"),
    body: preset(60 * MB),
    framing: "chunked",
  });

/** Content-Length says 1,000 bytes; 60 MB follow. The server must not read past what it was told. */
export async function presetLyingLength(ctx: Ctx): Promise<Outcome> {
  const request: RawRequest = {
    path: "/api/presets",
    headers: sameOrigin(ctx.attacker, "application/json"),
    body: preset(60 * MB),
    framing: 1000,
  };
  const { result, before, peak } = await watchRss(ctx.app, () => sendRaw(request));
  const presets = await ctx.attacker.json<{ presets: { name: string }[] }>("/api/presets");
  return {
    status: result.status,
    checks: [
      check("memory", peak - before <= RSS_GROWTH_MB, `RSS ${before} → ${peak} MB`),
      check("nothing saved", !presets.body.presets.some((p) => p.name === "big"), "no preset from the cut body"),
    ],
  };
}

function chatRequest(bytes: number) {
  const head = {
    id: randomUUID(),
    connection: "env:default",
    model: "glm-5.1",
    thinking: false,
    tools: false,
  };
  return {
    prefix: `${JSON.stringify(head).slice(0, -1)},"message":{"id":"${randomUUID()}","role":"user","parts":[{"type":"text","text":"`,
    fill: "lorem ipsum ",
    bytes,
    suffix: '"}]}}',
  };
}

export const chatOverLimit = (ctx: Ctx) =>
  refuse(ctx, {
    path: "/api/chat",
    headers: sameOrigin(ctx.attacker, "application/json"),
    body: chatRequest(2 * MB),
    framing: "length",
  });

export const chatOverLimitChunked = (ctx: Ctx) =>
  refuse(ctx, {
    path: "/api/chat",
    headers: sameOrigin(ctx.attacker, "application/json"),
    body: chatRequest(2 * MB),
    framing: "chunked",
  });

/** next-auth's sign-in endpoint: a 5 MB form. */
export const signInEndpoint = (ctx: Ctx) =>
  refuse(ctx, {
    path: "/api/auth/callback/credentials",
    headers: { Origin: APP, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9" },
    body: { prefix: "csrfToken=x&email=big%40example.test&password=", fill: "p", bytes: 5 * MB, suffix: "" },
    framing: "length",
  });

/** The sign-in form's server action, posted as a browser without JavaScript would. */
export function signInAction(bytes: number) {
  return (ctx: Ctx) => {
    const boundary = `----abuse${randomUUID().replaceAll("-", "")}`;
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const id = actionId("signInAction");
    return refuse(ctx, {
      path: "/sign-in",
      headers: {
        Origin: APP,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "X-Forwarded-For": "203.0.113.10",
      },
      body: {
        prefix: `${field("$ACTION_REF_1", "")}${field("$ACTION_1:0", JSON.stringify({ id, bound: "$@1" }))}${field("$ACTION_1:1", "[{}]")}${field("email", "big@example.test")}--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n`,
        fill: "p",
        bytes,
        suffix: `\r\n--${boundary}--\r\n`,
      },
      framing: "length",
    });
  };
}
