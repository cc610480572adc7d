import "server-only";
import { appError } from "../i18n/app-error";
import { declaredLength, tooLarge } from "./body";

// What a write must be before anything else happens (no session read, no byte of the body):
// same-origin, JSON, and no larger than the route takes. Header reads only, so the chat turn's
// time to first token does not notice.

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestRules {
  /** Bytes the body may have (lib/api/body BODY_LIMITS). */
  maxBytes: number;
  /** Only `application/json` bodies (next-auth's own endpoints take url-encoded forms). */
  json?: boolean;
}

/** Throws the AppError a write breaking the rules gets: 403, 415 or 413, checked in that order. */
export function checkRequest(request: Request, { maxBytes, json = true }: RequestRules): void {
  const method = request.method.toUpperCase();
  if (!WRITES.has(method)) return;
  const { headers } = request;
  if (!isSameOrigin(request)) throw appError("forbidden", "crossSite");
  // A DELETE names what it deletes in its URL; with no body there is nothing to be JSON.
  const bodiless = method === "DELETE" && !hasBody(headers);
  if (json && !bodiless && !isJson(headers.get("content-type"))) {
    throw appError("unsupported_media_type", "notJson");
  }
  if ((declaredLength(headers) ?? 0) > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Whether a browser sent this request from one of our own pages. A page elsewhere can make a
 * browser send a form or a `text/plain` fetch here with the user's cookie (SameSite=Lax lets a
 * sibling subdomain do so): such a write is refused.
 *
 * - `Sec-Fetch-Site`, set by every current browser and not settable by a page, decides when
 *   present: only `same-origin` passes. `same-site` is exactly the sibling subdomain case;
 *   `cross-site` is any other site; `none` means the user started the request (address bar,
 *   bookmark), which never sends one of our JSON writes, so refusing it costs nothing.
 * - Without it (older browsers; Chromium over plain http to a non-local address), `Origin` must be
 *   our own origin.
 * - Without either it is not a browser (curl, scripts, our tests): its cookie was handed over
 *   on purpose, and there is no one to forge it for.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const from = originOf(origin);
  return from !== null && ownOrigins(request).includes(from);
}

/**
 * The origins this app answers as, as next-auth (trustHost) works them out: AUTH_URL when set,
 * and the origin the request was addressed to (X-Forwarded-Host / -Proto before Host and the
 * URL's scheme; Next.js fills these in from the socket when no proxy did). A page cannot set
 * these headers on a cross-site request, so trusting them gives a forger nothing.
 */
function ownOrigins(request: Request): string[] {
  const { headers } = request;
  const host = firstValue(headers.get("x-forwarded-host")) ?? headers.get("host");
  const proto = firstValue(headers.get("x-forwarded-proto")) ?? new URL(request.url).protocol.replace(/:$/, "");
  const own: string[] = [];
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  const fromConfig = configured ? originOf(configured) : null;
  if (fromConfig) own.push(fromConfig);
  const addressed = host ? originOf(`${proto}://${host}`) : null;
  if (addressed) own.push(addressed);
  return own;
}

/** `scheme://host[:port]`, normalised (default ports dropped, lower case), or null. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** A proxy chain's headers list one value per hop; the first is the client-facing one. */
function firstValue(value: string | null): string | null {
  const first = value?.split(",", 1)[0]?.trim();
  return first ? first : null;
}

function hasBody(headers: Headers): boolean {
  return (declaredLength(headers) ?? 0) > 0 || headers.has("transfer-encoding");
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | null): boolean {
  return contentType?.split(";", 1)[0].trim().toLowerCase() === "application/json";
}
