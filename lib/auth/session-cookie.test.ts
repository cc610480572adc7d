import { describe, expect, it } from "vitest";
import { isHttpsRequest, sessionCookie, sessionCookieName } from "./session-cookie";

const proto = (value?: string) => new Headers(value ? { "x-forwarded-proto": value } : {});

describe("the session cookie's name", () => {
  it("is __Host- prefixed over HTTPS (Secure, path /, no Domain) and plain over http", () => {
    expect(sessionCookie(true)).toEqual({
      name: "__Host-authjs.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(sessionCookie(false).name).toBe("authjs.session-token");
    expect(sessionCookie(false).options.secure).toBe(false);
    expect(sessionCookieName(true)).not.toBe(sessionCookieName(false));
  });

  it("follows the request's protocol as the proxy (or Next.js) reports it", () => {
    expect(isHttpsRequest(proto("https"), {})).toBe(true);
    expect(isHttpsRequest(proto("HTTPS"), {})).toBe(true);
    expect(isHttpsRequest(proto("https, http"), {})).toBe(true);
    expect(isHttpsRequest(proto("http"), {})).toBe(false);
    expect(isHttpsRequest(proto("http, https"), {})).toBe(false);
    expect(isHttpsRequest(proto(), {})).toBe(false);
  });

  it("follows AUTH_URL when it is set, whatever the request says", () => {
    expect(isHttpsRequest(proto("http"), { AUTH_URL: "https://chat.example.com" })).toBe(true);
    expect(isHttpsRequest(proto("https"), { AUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(isHttpsRequest(proto("http"), { NEXTAUTH_URL: "https://chat.example.com/api/auth" })).toBe(true);
    expect(isHttpsRequest(proto("https"), { AUTH_URL: "not a url" })).toBe(true);
  });
});
