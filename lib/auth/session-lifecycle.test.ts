import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";
import { sessionKey } from "./session-key";

// A session's life through next-auth's own endpoints (the same handlers the app serves at
// /api/auth/*) and the API routes' session check, against a real database: signed in, used,
// signed out (a copy of the cookie then no longer works), signed out everywhere; the cookie's
// name over http and over HTTPS, where only the "__Host-" name is read.

const SECRET = "session-test-secret-0123456789abcdef0123456789";
const PASSWORD = "correct horse battery";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let auth: typeof import("./index");
let session: typeof import("./session");
let sessions: typeof import("./sessions");
let user: { id: string; email: string };

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("AUTH_URL", "");
  vi.stubEnv("TRUSTED_PROXY_HOPS", "");
  auth = await import("./index");
  session = await import("./session");
  sessions = await import("./sessions");
  const { createUser } = await import("@/test/users");
  const { hashPassword } = await import("./password");
  user = await createUser({ email: "sam@example.test", name: "Sam", passwordHash: await hashPassword(PASSWORD) });
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** A browser of sorts: keeps the cookies next-auth sets, over http or HTTPS (as a proxy reports it). */
function browser(https = false) {
  const jar: Jar = new Map();
  const setCookies: string[] = [];
  const request = async (method: "GET" | "POST", path: string, form?: Record<string, string>) => {
    const headers = new Headers({ cookie: cookieHeader(jar), "x-forwarded-proto": https ? "https" : "http" });
    if (form) headers.set("content-type", "application/x-www-form-urlencoded");
    const init = { method, headers, body: form ? new URLSearchParams(form).toString() : undefined };
    const req = new Request(`${https ? "https" : "http"}://chat.example.test${path}`, init);
    const handler = method === "GET" ? auth.handlers.GET : auth.handlers.POST;
    const res = await handler(req as Parameters<typeof handler>[0]);
    for (const line of res.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair] = line.split(";");
      const [name, ...value] = pair.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value.join("="));
    }
    return res;
  };
  const csrf = async () => ((await (await request("GET", "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  return {
    jar,
    setCookies,
    async signIn(as = { email: user.email, password: PASSWORD }) {
      const res = await request("POST", "/api/auth/callback/credentials", {
        email: as.email,
        password: as.password,
        csrfToken: await csrf(),
        callbackUrl: "/",
      });
      expect(res.status).toBe(302);
    },
    async signOut() {
      await request("POST", "/api/auth/signout", { csrfToken: await csrf(), callbackUrl: "/sign-in" });
    },
    /** Who next-auth's session endpoint (what pages use) says is signed in. */
    async pageUser(cookies = cookieHeader(jar)) {
      const saved = new Map(jar);
      jar.clear();
      for (const part of cookies.split("; ").filter(Boolean)) {
        const [name, ...value] = part.split("=");
        jar.set(name, value.join("="));
      }
      const body = (await (await request("GET", "/api/auth/session")).json()) as { user?: { email?: string } } | null;
      jar.clear();
      for (const [k, v] of saved) jar.set(k, v);
      return body?.user?.email ?? null;
    },
    /** Who an API route's session check says is signed in. */
    async apiUser(cookies = cookieHeader(jar)) {
      const headers = new Headers({ cookie: cookies, "x-forwarded-proto": https ? "https" : "http" });
      const found = await session.getRequestUser(new Request("http://chat.example.test/api/presets", { headers }));
      return found?.email ?? null;
    },
  };
}

const SESSION = "authjs.session-token";
const HOST_SESSION = "__Host-authjs.session-token";

describe("a session", () => {
  it("works from sign-in to sign-out, after which a copy of its cookie no longer does", async () => {
    const b = browser();
    await b.signIn();
    expect(b.jar.has(SESSION)).toBe(true);
    const copied = cookieHeader(b.jar);
    expect(await b.apiUser()).toBe(user.email);
    expect(await b.pageUser()).toBe(user.email);

    await b.signOut();
    expect(b.jar.has(SESSION)).toBe(false);
    // Someone who copied the cookie before: refused by API routes and pages alike.
    expect(await b.apiUser(copied)).toBeNull();
    expect(await b.pageUser(copied)).toBeNull();
  });

  it("ends on every device at once when its user signs out everywhere, and a new sign-in works", async () => {
    const [phone, laptop] = [browser(), browser()];
    await phone.signIn();
    await laptop.signIn();
    expect(await phone.apiUser()).toBe(user.email);
    expect(await laptop.pageUser()).toBe(user.email);

    await sessions.endAllSessions(user.id);
    expect(await phone.apiUser()).toBeNull();
    expect(await laptop.pageUser()).toBeNull();

    await phone.signIn();
    expect(await phone.apiUser()).toBe(user.email);
  });

  it("refuses a token without a session id (issued before sessions had one)", async () => {
    const token = await encode({
      token: { sub: user.id, email: user.email, role: "member", signedInAt: Date.now() },
      secret: SECRET,
      salt: SESSION,
    });
    const b = browser();
    expect(await b.apiUser(`${SESSION}=${token}`)).toBeNull();
    expect(await b.pageUser(`${SESSION}=${token}`)).toBeNull();
    // The same token with an id that has a row: accepted, so the refusal above is the missing id.
    const sid = await sessions.startSession(user.id);
    const withId = await encode({
      token: { sub: user.id, email: user.email, role: "member", signedInAt: Date.now(), sid },
      secret: SECRET,
      salt: SESSION,
    });
    expect(await b.apiUser(`${SESSION}=${withId}`)).toBe(user.email);
  });

  it("moves its row on as pages renew the cookie, and sign-ins clean up expired rows", async () => {
    const { sql } = await import("../db/client");
    const expiryOf = async (sid: string) =>
      Date.parse(
        String(
          (
            await sql().execute({
              sql: 'SELECT "expires" FROM "Session" WHERE "sessionToken" = ?',
              args: [sessionKey(sid)],
            })
          ).rows[0]?.expires ?? "",
        ),
      );
    const day = 86_400_000;
    // A session that began 40 days ago and was not used since: expired (30 days and a day of slack).
    const stale = await sessions.startSession(user.id, new Date(Date.now() - 40 * day));
    expect(await expiryOf(stale)).toBeLessThan(Date.now());
    // One used 5 days ago: its row runs out in 26 days, before a cookie renewed now would.
    const b = browser();
    await b.signIn();
    const { decode } = await import("next-auth/jwt");
    const { sid } = (await decode({ token: b.jar.get(SESSION) ?? "", secret: SECRET, salt: SESSION })) as {
      sid: string;
    };
    await sql().execute({
      sql: 'UPDATE "Session" SET "expires" = ? WHERE "sessionToken" = ?',
      args: [new Date(Date.now() + 26 * day).toISOString(), sessionKey(sid)],
    });
    // An API request neither renews the cookie nor moves the row; a page does both.
    expect(await b.apiUser()).toBe(user.email);
    expect(await expiryOf(sid)).toBeLessThan(Date.now() + 27 * day);
    expect(await b.pageUser()).toBe(user.email);
    expect(await expiryOf(sid)).toBeGreaterThan(Date.now() + 30 * day);
    // The stale row went at that sign-in.
    expect(Number.isNaN(await expiryOf(stale))).toBe(true);
  });
});

describe("a password hashed by an earlier version (bcrypt)", () => {
  it("still signs in, and is replaced by a new hash at that sign-in", async () => {
    const bcrypt = (await import("bcryptjs")).default;
    const { createUser } = await import("@/test/users");
    const { db } = await import("../db/client");
    const password = `${"long passphrase ".repeat(5)}end`;
    const old = await createUser({
      email: "old@example.test",
      name: null,
      passwordHash: await bcrypt.hash(password, 4),
    });
    const b = browser();
    await b.signIn({ email: "old@example.test", password });
    expect(await b.apiUser()).toBe("old@example.test");
    const stored = (await db.user.findUniqueOrThrow({ where: { id: old.id } })).passwordHash ?? "";
    expect(stored.startsWith("scrypt$")).toBe(true);
    // The new hash counts every character (the old one read 72 bytes).
    const { verifyPassword } = await import("./password");
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${"long passphrase ".repeat(5)}END`, stored)).toBe(false);
  });
});

describe("the session cookie", () => {
  it("over HTTPS is __Host- prefixed (Secure, Path=/, no Domain), and only that name is read", async () => {
    const b = browser(true);
    await b.signIn();
    const line = b.setCookies.find((l) => l.startsWith(`${HOST_SESSION}=`)) ?? "";
    expect(line).toMatch(/; Secure/i);
    expect(line).toMatch(/; Path=\//i);
    expect(line).not.toMatch(/Domain=/i);
    expect(b.jar.has(SESSION)).toBe(false);
    const token = b.jar.get(HOST_SESSION) ?? "";
    expect(await b.apiUser()).toBe(user.email);
    expect(await b.pageUser()).toBe(user.email);
    // The same session under another name (as a sibling subdomain or an http page could set
    // one): not read. (The token is sealed for its own name, so re-sealing for the other name
    // is what such a page would need: that is tried too.)
    for (const name of [SESSION, "__Secure-authjs.session-token"]) {
      expect(await b.apiUser(`${name}=${token}`)).toBeNull();
      const resealed = await encode({
        token: { sub: user.id, email: user.email, role: "member", signedInAt: Date.now(), sid: "x" },
        secret: SECRET,
        salt: name,
      });
      expect(await b.apiUser(`${name}=${resealed}`)).toBeNull();
    }
  });

  it("over http has the plain name, which HTTPS requests do not read", async () => {
    const http = browser(false);
    await http.signIn();
    const line = http.setCookies.find((l) => l.startsWith(`${SESSION}=`)) ?? "";
    expect(line).not.toMatch(/; Secure/i);
    expect(await browser(true).apiUser(cookieHeader(http.jar))).toBeNull();
    expect(await browser(true).pageUser(cookieHeader(http.jar))).toBeNull();
  });
});
