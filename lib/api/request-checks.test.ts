import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { checkRequest } from "./request-checks";

// Next.js hands a route the server's own address as the URL; Host (and X-Forwarded-*) say what
// the browser asked for.
const URL_SEEN = "http://localhost:3000/api/presets";

function verdict(method: string, headers: Record<string, string>, rules = { maxBytes: 1000, json: true }): number {
  const request = new Request(URL_SEEN, { method, headers });
  try {
    checkRequest(request, rules);
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

const json = { "content-type": "application/json", "content-length": "20" };
const host = { host: "chat.example.com" };

afterEach(() => vi.unstubAllEnvs());

describe("checkRequest: where a write comes from", () => {
  it.each([
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }, 200],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }, 403],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, 403],
    ["Sec-Fetch-Site none (typed by the user)", { "sec-fetch-site": "none" }, 403],
    ["Sec-Fetch-Site decides over Origin", { "sec-fetch-site": "same-origin", origin: "https://evil.example" }, 200],
    [
      "Sec-Fetch-Site cross-site with our own Origin",
      { "sec-fetch-site": "cross-site", origin: "https://chat.example.com" },
      403,
    ],
    ["no Sec-Fetch-Site, Origin is ours (from Host)", { origin: "http://chat.example.com" }, 200],
    ["no Sec-Fetch-Site, Origin elsewhere", { origin: "https://evil.example" }, 403],
    ["no Sec-Fetch-Site, Origin a sibling subdomain", { origin: "http://evil.chat.example.com" }, 403],
    ["no Sec-Fetch-Site, Origin our host on another port", { origin: "http://chat.example.com:8080" }, 403],
    ["no Sec-Fetch-Site, Origin our host on another scheme", { origin: "https://chat.example.com" }, 403],
    ["no Sec-Fetch-Site, Origin null (sandboxed frame)", { origin: "null" }, 403],
    ["no Sec-Fetch-Site, Origin not a URL", { origin: "chat.example.com" }, 403],
    ["neither header: not a browser", {}, 200],
  ])("%s → %i", (_, headers, status) => {
    expect(verdict("POST", { ...json, ...host, ...headers })).toBe(status);
  });

  it("takes our origin behind a proxy from X-Forwarded-Host and -Proto, first hop first", () => {
    const proxied = { ...json, host: "app:3000", "x-forwarded-host": "chat.example.com, proxy.internal" };
    expect(verdict("POST", { ...proxied, "x-forwarded-proto": "https", origin: "https://chat.example.com" })).toBe(200);
    expect(verdict("POST", { ...proxied, "x-forwarded-proto": "https,http", origin: "https://chat.example.com" })).toBe(
      200,
    );
    expect(verdict("POST", { ...proxied, "x-forwarded-proto": "https", origin: "http://app:3000" })).toBe(403);
    // Without a forwarded scheme, the URL's.
    expect(verdict("POST", { ...proxied, origin: "http://chat.example.com" })).toBe(200);
    expect(verdict("POST", { ...proxied, origin: "https://chat.example.com" })).toBe(403);
  });

  it("takes AUTH_URL's origin as ours as well (a proxy that rewrites Host)", () => {
    const internal = { ...json, host: "app:3000", origin: "https://chat.example.com" };
    expect(verdict("POST", internal)).toBe(403);
    vi.stubEnv("AUTH_URL", "https://chat.example.com/api/auth");
    expect(verdict("POST", internal)).toBe(200);
    expect(verdict("POST", { ...internal, origin: "https://evil.example" })).toBe(403);
  });

  it.each(["PUT", "PATCH", "DELETE"])("applies to %s", (method) => {
    expect(verdict(method, { ...json, ...host, "sec-fetch-site": "cross-site" })).toBe(403);
    expect(verdict(method, { ...json, ...host, "sec-fetch-site": "same-origin" })).toBe(200);
  });

  it.each(["GET", "HEAD", "OPTIONS"])("leaves %s alone", (method) => {
    expect(verdict(method, { ...host, "sec-fetch-site": "cross-site", "content-length": "1000000" })).toBe(200);
  });
});

describe("checkRequest: what a write carries", () => {
  const from = { ...host, "sec-fetch-site": "same-origin" };

  it.each([
    ["application/json", 200],
    ["application/json; charset=utf-8", 200],
    ["Application/JSON;charset=UTF-8", 200],
    ["text/plain", 415],
    ["text/plain;charset=UTF-8", 415],
    ["application/x-www-form-urlencoded", 415],
    ["multipart/form-data; boundary=x", 415],
    ["application/json-patch+json", 415],
    ["", 415],
  ])("Content-Type %j → %i", (type, status) => {
    expect(verdict("POST", { ...from, "content-type": type, "content-length": "2" })).toBe(status);
  });

  it("refuses a POST with no Content-Type", () => {
    expect(verdict("POST", { ...from, "content-length": "2" })).toBe(415);
  });

  it("lets a DELETE without a body go without a Content-Type, not one with a body", () => {
    expect(verdict("DELETE", from)).toBe(200);
    expect(verdict("DELETE", { ...from, "content-length": "0" })).toBe(200);
    expect(verdict("DELETE", { ...from, "content-length": "5", "content-type": "text/plain" })).toBe(415);
    expect(verdict("DELETE", { ...from, "transfer-encoding": "chunked" })).toBe(415);
  });

  it("takes url-encoded forms where JSON is not required (next-auth's endpoints)", () => {
    const form = { ...from, "content-type": "application/x-www-form-urlencoded", "content-length": "20" };
    expect(verdict("POST", form, { maxBytes: 1000, json: false })).toBe(200);
  });

  it("refuses a declared body over the limit, and takes one at it", () => {
    expect(verdict("POST", { ...from, "content-type": "application/json", "content-length": "1001" })).toBe(413);
    expect(verdict("POST", { ...from, "content-type": "application/json", "content-length": "1000" })).toBe(200);
    expect(verdict("POST", { ...from, "content-type": "application/json", "content-length": "9".repeat(30) })).toBe(
      413,
    );
  });

  it("checks origin, then content type, then size", () => {
    const everythingWrong = { ...host, "sec-fetch-site": "cross-site", "content-type": "text/plain" };
    expect(verdict("POST", { ...everythingWrong, "content-length": "5000" })).toBe(403);
    expect(verdict("POST", { ...everythingWrong, "sec-fetch-site": "same-origin", "content-length": "5000" })).toBe(
      415,
    );
    expect(verdict("POST", { ...from, "content-type": "application/json", "content-length": "5000" })).toBe(413);
  });
});
