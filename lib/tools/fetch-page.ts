import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isPublicAddress } from "./public-address";
import { ToolError } from "./tool-error";

// Fetches a web page for the model, safely: only http(s) on the standard ports, every address
// the name resolves to checked at connection time (so a DNS answer that changes between a
// check and the connection cannot reach an internal service), at most 3 redirects (each
// checked the same way), 10 s in all, 2 MB read at most.

export const LIMITS = { timeoutMs: 10_000, maxBytes: 2_000_000, maxRedirects: 3 } as const;

export class FetchRefused extends ToolError {}

/** dns.lookup that fails for any non-public address. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || addresses.length === 0) {
      return callback(
        new FetchRefused(`${hostname} resolves to a private or reserved address; only public web pages can be read.`),
        "",
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
};

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  body: string;
  truncated: boolean;
}

export async function fetchPage(
  rawUrl: string,
  {
    lookup = publicOnlyLookup,
    signal,
    anyPort = false,
  }: {
    lookup?: LookupFunction;
    signal?: AbortSignal /** Tests only: a local server's port. */;
    anyPort?: boolean;
  } = {},
): Promise<FetchedPage> {
  const deadline = AbortSignal.timeout(LIMITS.timeoutMs);
  const abort = signal ? AbortSignal.any([signal, deadline]) : deadline;
  let url = parse(rawUrl, anyPort);
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, lookup, abort);
    const location = response.headers.location;
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      // Followed to any public address, on any site: the request was exactly an allowed address,
      // so the target is the allowed server's choice and carries nothing the model put in. Each
      // hop gets the same address, port and credential checks.
      response.resume();
      if (redirects >= LIMITS.maxRedirects) throw new FetchRefused("The page redirects too many times.");
      url = parse(new URL(location, url).toString(), anyPort);
      continue;
    }
    const { body, truncated } = await read(response, abort);
    return {
      url: url.toString(),
      status: response.statusCode ?? 0,
      contentType: String(response.headers["content-type"] ?? ""),
      body,
      truncated,
    };
  }
}

function parse(raw: string, anyPort: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused(`"${raw.slice(0, 200)}" is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchRefused("Only http and https pages can be read.");
  if (!anyPort && url.port && url.port !== "80" && url.port !== "443")
    throw new FetchRefused("Only the standard web ports (80, 443) can be read.");
  if (url.username || url.password) throw new FetchRefused("URLs with credentials are not read.");
  // A literal address is checked here; names are checked when connecting.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (/^[\d.]+$|:/.test(host) && !isPublicAddress(host)) {
    throw new FetchRefused(`${host} is a private or reserved address; only public web pages can be read.`);
  }
  return url;
}

function get(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      {
        method: "GET",
        lookup,
        // A fresh connection each time: no pooled socket skips the address check.
        agent: false,
        signal,
        headers: {
          "user-agent": "GLM-Chat/1.0 (read_web_page tool)",
          accept: "text/html,text/plain,application/json;q=0.9,*/*;q=0.1",
        },
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

async function read(response: IncomingMessage, signal: AbortSignal): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (signal.aborted) break;
    size += chunk.length;
    if (size > LIMITS.maxBytes) {
      chunks.push(chunk.subarray(0, chunk.length - (size - LIMITS.maxBytes)));
      truncated = true;
      response.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks).toString("utf8"), truncated };
}
