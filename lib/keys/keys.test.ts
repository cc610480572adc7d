import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// Personal API keys against a real database: made, listed and revoked by their owner only,
// every key an admin's to see and revoke, and the read that admits an API call.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("../db/client").db;
let keys: typeof import("./keys");
let auth: typeof import("./authenticate");
let format: typeof import("./key-format");
let settings: typeof import("../team/settings");
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  ({ db } = await import("../db/client"));
  keys = await import("./keys");
  auth = await import("./authenticate");
  format = await import("./key-format");
  settings = await import("../team/settings");
  const { createUser } = await import("@/test/users");
  alice = (await createUser({ email: "alice@example.test", name: "Alice", passwordHash: "x" })).id;
  bob = (await createUser({ email: "bob@example.test", name: null, passwordHash: "x" })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const bearer = (key: string) =>
  new Request("http://localhost/v1/models", { headers: { authorization: `Bearer ${key}` } });
const refusalOf = async (request: Request) => {
  const result = await auth.authenticateApiKey(request);
  return "status" in result ? [result.status, result.code] : "admitted";
};

describe("key format", () => {
  it("is glmc_ and 43 base64url characters, hashed with SHA-256 (hex), its prefix the first 12", () => {
    const key = format.newApiKey();
    expect(key).toMatch(/^glmc_[A-Za-z0-9_-]{43}$/);
    expect(format.newApiKey()).not.toBe(key);
    expect(format.hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(format.keyPrefix(key)).toBe(key.slice(0, 12));
    expect(format.isApiKeyShape(key)).toBe(true);
    expect(format.isApiKeyShape(`${key}x`)).toBe(false);
    expect(format.isApiKeyShape("sk-123")).toBe(false);
  });
});

describe("keys", () => {
  it("are made with a name and an optional lifetime, stored as a hash only, and listed without the key", async () => {
    const now = new Date();
    const made = await keys.createApiKey(alice, { name: "Laptop", expiresInDays: 30 }, now);
    expect(made.prefix).toBe(made.key.slice(0, 12));
    expect(made.expiresAt?.getTime()).toBe(now.getTime() + 30 * 86_400_000);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.keyHash).toBe(format.hashApiKey(made.key));
    expect(JSON.stringify(row)).not.toContain(made.key);

    const listed = await keys.listApiKeys(alice);
    const mine = listed.find((k) => k.id === made.id);
    expect(mine).toMatchObject({ name: "Laptop", prefix: made.prefix, status: "active", lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(made.key);
    expect(JSON.stringify(listed)).not.toContain(row.keyHash);
    expect(await keys.listApiKeys(bob)).toEqual([]);
  });

  it("keep optional monthly caps (money in micro-units) that only their owner changes, and authenticate with them", async () => {
    const made = await keys.createApiKey(alice, {
      name: "CI",
      expiresInDays: null,
      monthlyTokens: 50_000,
      monthlyMoney: 2.5,
    });
    expect((await keys.listApiKeys(alice)).find((k) => k.id === made.id)).toMatchObject({
      capTokens: 50_000,
      capMicros: 2_500_000,
    });
    const { authenticateApiKey } = await import("./authenticate");
    const asCaller = () =>
      authenticateApiKey(
        new Request("http://localhost/v1/models", { headers: { authorization: `Bearer ${made.key}` } }),
      );
    expect(await asCaller()).toMatchObject({ keyId: made.id, keyCap: { tokens: 50_000, micros: 2_500_000 } });

    expect(await keys.setApiKeyCaps(bob, made.id, { monthlyTokens: 1, monthlyMoney: null })).toBe(false);
    expect(await keys.setApiKeyCaps(alice, made.id, { monthlyTokens: null, monthlyMoney: 0.1 })).toBe(true);
    expect(await asCaller()).toMatchObject({ keyCap: { tokens: null, micros: 100_000 } });
    await keys.revokeApiKey(alice, made.id);
    expect(await keys.setApiKeyCaps(alice, made.id, { monthlyTokens: 5, monthlyMoney: null })).toBe(false);
  });

  it("only the owner revokes a key; an admin revokes anyone's and sees every key with its owner", async () => {
    const made = await keys.createApiKey(alice, { name: "Server", expiresInDays: null });
    expect(await keys.revokeApiKey(bob, made.id)).toBe(false);
    expect(await keys.revokeApiKey(alice, made.id)).toBe(true);
    expect(await keys.revokeApiKey(alice, made.id)).toBe(false);
    expect((await keys.listApiKeys(alice)).find((k) => k.id === made.id)?.status).toBe("revoked");

    const bobs = await keys.createApiKey(bob, { name: "Bob's", expiresInDays: 7 });
    const all = await keys.listAllApiKeys();
    expect(all.find((k) => k.id === bobs.id)?.owner).toMatchObject({ id: bob, email: "bob@example.test" });
    expect(await keys.revokeAnyApiKey(bobs.id)).toBe(true);
    expect(await keys.revokeAnyApiKey("nope")).toBe(false);
  });

  it("a person may have 20 working keys; revoked and expired ones do not count", async () => {
    const carol = (
      await (await import("@/test/users")).createUser({ email: "carol@example.test", name: null, passwordHash: "x" })
    ).id;
    const made: { id: string }[] = [];
    for (let i = 0; i < 20; i++) made.push(await keys.createApiKey(carol, { name: `k${i}`, expiresInDays: null }));
    await expect(keys.createApiKey(carol, { name: "one more", expiresInDays: null })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
    await keys.revokeApiKey(carol, made[0].id);
    await db.apiKey.update({ where: { id: made[1].id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await keys.createApiKey(carol, { name: "one more", expiresInDays: null });
    await keys.createApiKey(carol, { name: "and another", expiresInDays: null });
    await expect(keys.createApiKey(carol, { name: "too many", expiresInDays: null })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await keys.listApiKeys(carol)).find((k) => k.id === made[1].id)?.status).toBe("expired");
  });

  it("lists this month's tokens and cost of each key's calls", async () => {
    const made = await keys.createApiKey(alice, { name: "Metered", expiresInDays: null });
    const { spendConfig } = await import("../spend/config");
    const { currency } = await spendConfig();
    const call = { userId: alice, purpose: "api", platform: "zhipu", requestedModel: "glm-4.6", apiKeyId: made.id };
    await db.usage.createMany({
      data: [
        { ...call, totalTokens: 100, costMicros: 2000n, currency },
        { ...call, totalTokens: 50, costMicros: 1000n, currency },
        // Last year: not this month.
        { ...call, totalTokens: 999, costMicros: 9n, currency, createdAt: new Date(Date.now() - 400 * 86_400_000) },
        // Another key's call.
        { ...call, apiKeyId: null, totalTokens: 7 },
      ],
    });
    const listed = (await keys.listApiKeys(alice)).find((k) => k.id === made.id);
    expect(listed).toMatchObject({ monthTokens: 150, monthMicros: 3000 });
  });
});

describe("authenticateApiKey", () => {
  it("admits a working key from Authorization: Bearer or x-api-key, as its user", async () => {
    const made = await keys.createApiKey(alice, { name: "Good", expiresInDays: 7 });
    expect(await auth.authenticateApiKey(bearer(made.key))).toEqual({
      userId: alice,
      keyId: made.id,
      role: "admin",
      keyCap: { tokens: null, micros: null },
    });
    const viaHeader = new Request("http://localhost/v1/models", { headers: { "x-api-key": made.key } });
    expect(await auth.authenticateApiKey(viaHeader)).toEqual({
      userId: alice,
      keyId: made.id,
      role: "admin",
      keyCap: { tokens: null, micros: null },
    });
    const bobs = await keys.createApiKey(bob, { name: "Bob", expiresInDays: null });
    expect(await auth.authenticateApiKey(bearer(bobs.key))).toMatchObject({ userId: bob, role: "member" });
  });

  it("refuses a missing, malformed, unknown, revoked or expired key with 401 invalid_api_key", async () => {
    const expect401 = [401, "invalid_api_key"];
    expect(await refusalOf(new Request("http://localhost/v1/models"))).toEqual(expect401);
    expect(await refusalOf(bearer("not-a-key"))).toEqual(expect401);
    expect(await refusalOf(bearer(format.newApiKey()))).toEqual(expect401);
    const made = await keys.createApiKey(alice, { name: "Soon gone", expiresInDays: null });
    expect(await refusalOf(new Request("http://x", { headers: { authorization: `Basic ${made.key}` } }))).toEqual(
      expect401,
    );
    const wrong = `${made.key.slice(0, -1)}${made.key.endsWith("A") ? "B" : "A"}`;
    expect(await refusalOf(bearer(wrong))).toEqual(expect401);
    await keys.revokeApiKey(alice, made.id);
    expect(await refusalOf(bearer(made.key))).toEqual(expect401);
    const old = await keys.createApiKey(alice, { name: "Old", expiresInDays: 7 });
    await db.apiKey.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await refusalOf(bearer(old.key))).toEqual(expect401);
    const refusal = await auth.authenticateApiKey(bearer(old.key));
    expect("message" in refusal && refusal.message).toMatch(/not valid/);
  });

  it("refuses with 403 while the account is disabled, or API access is off for the team or the user", async () => {
    const made = await keys.createApiKey(bob, { name: "Switches", expiresInDays: null });
    await db.user.update({ where: { id: bob }, data: { disabledAt: new Date() } });
    expect(await refusalOf(bearer(made.key))).toEqual([403, "account_disabled"]);
    await db.user.update({ where: { id: bob }, data: { disabledAt: null } });

    expect(await keys.setUserApiAccess(bob, false)).toBe(true);
    expect(await refusalOf(bearer(made.key))).toEqual([403, "api_access_disabled"]);
    await keys.setUserApiAccess(bob, true);
    expect(await refusalOf(bearer(made.key))).toBe("admitted");

    await settings.saveApiAccess(false);
    expect((await settings.loadTeamPolicy()).apiAccess).toBe(false);
    expect(await refusalOf(bearer(made.key))).toEqual([403, "api_access_disabled"]);
    await settings.saveApiAccess(true);
    expect(await refusalOf(bearer(made.key))).toBe("admitted");
    expect(await keys.setUserApiAccess("nobody", false)).toBe(false);
  });

  it("writes a key's last use at most once a minute, without waiting for it", async () => {
    const made = await keys.createApiKey(bob, { name: "Busy", expiresInDays: null });
    const lastUsed = async () =>
      (await db.apiKey.findUniqueOrThrow({ where: { id: made.id }, select: { lastUsedAt: true } })).lastUsedAt;
    await auth.authenticateApiKey(bearer(made.key));
    await vi.waitFor(async () => expect(await lastUsed()).not.toBeNull());
    const first = await lastUsed();

    // Within the minute: left as it is.
    await auth.authenticateApiKey(bearer(made.key));
    await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toEqual(first);

    // A minute later: written again.
    const later = Date.now() + 61_000;
    const clock = vi.spyOn(Date, "now").mockReturnValue(later);
    try {
      await auth.authenticateApiKey(bearer(made.key));
    } finally {
      clock.mockRestore();
    }
    await vi.waitFor(async () => expect((await lastUsed())?.getTime()).toBe(later));
    expect((await keys.listApiKeys(bob)).find((k) => k.id === made.id)?.lastUsedAt).not.toBeNull();
  });
});
