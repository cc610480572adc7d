import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookieFor } from "@/test/session-cookie";
import { createTestDatabase } from "@/test/test-db";

// The API keys routes against a real database: a key is in the answer that makes it and nowhere
// else, another person's key is not found, and writes are same-origin JSON with a session.

const SECRET = "keys-route-test-secret-0123456789abcdef";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("../../../lib/db/client").db;
let route: typeof import("./route");
let one: typeof import("./[id]/route");
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../lib/db/client"));
  route = await import("./route");
  one = await import("./[id]/route");
  const { createUser } = await import("@/test/users");
  const a = await createUser({ email: "alice@example.test", name: null, passwordHash: "x" });
  const b = await createUser({ email: "bob@example.test", name: null, passwordHash: "x" });
  alice = await sessionCookieFor(a, SECRET, "admin");
  bob = await sessionCookieFor(b, SECRET);
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const SAME_ORIGIN = { "content-type": "application/json", "sec-fetch-site": "same-origin" };

function request(path: string, init: { method?: string; cookie?: string; body?: unknown; headers?: object } = {}) {
  return new Request(`http://localhost:3000${path}`, {
    method: init.method ?? "GET",
    headers: { ...(init.cookie && { cookie: init.cookie }), ...SAME_ORIGIN, ...init.headers },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

const create = (cookie: string, body: unknown, headers?: object) =>
  route.POST(request("/api/keys", { method: "POST", cookie, body, headers }), undefined as never);
const list = async (cookie: string) =>
  (await (await route.GET(request("/api/keys", { cookie }), undefined as never)).json()) as {
    keys: Record<string, unknown>[];
  };
const revoke = (cookie: string, id: string) =>
  one.DELETE(request(`/api/keys/${id}`, { method: "DELETE", cookie }), { params: Promise.resolve({ id }) });

describe("/api/keys", () => {
  it("POST answers 201 with the key, once; GET lists it with its prefix, never the key or its hash", async () => {
    const res = await create(alice, { name: "Laptop", expiresInDays: 30 });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { id: string; key: string; prefix: string; name: string; expiresAt: string };
    expect(made).toMatchObject({ name: "Laptop", prefix: made.key.slice(0, 12) });
    expect(made.key).toMatch(/^glmc_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(made.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const { keys } = await list(alice);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ id: made.id, name: "Laptop", prefix: made.prefix, status: "active" });
    expect(Object.keys(keys[0]).sort()).toEqual(
      [
        "capMicros",
        "capTokens",
        "createdAt",
        "expiresAt",
        "id",
        "lastUsedAt",
        "monthMicros",
        "monthTokens",
        "name",
        "prefix",
        "revokedAt",
        "status",
      ].sort(),
    );
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    const text = JSON.stringify(keys);
    expect(text).not.toContain(made.key);
    expect(text).not.toContain(row.keyHash);
    expect((await list(bob)).keys).toEqual([]);
  });

  it("a key without a lifetime never expires; a bad name or lifetime is 400", async () => {
    const res = await create(bob, { name: "  CI  " });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "CI", expiresAt: null });
    for (const body of [{ name: "" }, { name: "x".repeat(61) }, { name: "ok", expiresInDays: 3 }, {}]) {
      const refused = await create(bob, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("DELETE revokes the owner's key (204) and answers 404 for anyone else's", async () => {
    const made = (await (await create(bob, { name: "Bob's" })).json()) as { id: string };
    expect((await revoke(alice, made.id)).status).toBe(404);
    expect((await revoke(bob, made.id)).status).toBe(204);
    expect((await revoke(bob, made.id)).status).toBe(404);
    expect((await revoke(bob, "no-such-key")).status).toBe(404);
    expect((await list(bob)).keys.find((k) => k.id === made.id)?.status).toBe("revoked");
  });

  it("POST and PATCH set a key's monthly caps (money in whole units); only for the owner's working key; bad caps are 400", async () => {
    const made = (await (await create(bob, { name: "Capped", monthlyTokens: 50_000, monthlyMoney: 1.25 })).json()) as {
      id: string;
    };
    expect((await list(bob)).keys.find((k) => k.id === made.id)).toMatchObject({
      capTokens: 50_000,
      capMicros: 1_250_000,
    });
    const patch = (cookie: string, body: unknown) =>
      one.PATCH(request(`/api/keys/${made.id}`, { method: "PATCH", cookie, body }), {
        params: Promise.resolve({ id: made.id }),
      });
    expect((await patch(alice, { monthlyTokens: 1 })).status).toBe(404);
    expect((await patch(bob, { monthlyTokens: null, monthlyMoney: 3 })).status).toBe(204);
    expect((await list(bob)).keys.find((k) => k.id === made.id)).toMatchObject({
      capTokens: null,
      capMicros: 3_000_000,
    });
    for (const body of [{ monthlyTokens: 0 }, { monthlyTokens: 1.5 }, { monthlyMoney: -1 }, { monthlyMoney: "5" }]) {
      expect((await patch(bob, body)).status, JSON.stringify(body)).toBe(400);
    }
    await revoke(bob, made.id);
    expect((await patch(bob, { monthlyTokens: 5 })).status).toBe(404);
  });

  it("needs a session, and a same-origin JSON write", async () => {
    expect((await route.GET(request("/api/keys"), undefined as never)).status).toBe(401);
    expect((await create("", { name: "x" })).status).toBe(401);
    const crossSite = await create(
      alice,
      { name: "x" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    const notJson = await create(alice, { name: "x" }, { "content-type": "text/plain" });
    expect(notJson.status).toBe(415);
    expect(await db.apiKey.count({ where: { name: "x" } })).toBe(0);
  });

  it("refuses a 21st working key with 409", async () => {
    const made = await db.apiKey.count({ where: { revokedAt: null, user: { email: "alice@example.test" } } });
    for (let i = made; i < 20; i++) expect((await create(alice, { name: `k${i}` })).status).toBe(201);
    const refused = await create(alice, { name: "one too many" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/20 working API keys/);
  });
});
