import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulator } from "@/test/simulator";
import { createTestDatabase } from "@/test/test-db";
import { boundTo, seal } from "../crypto/secret-box";

// What an admin sees of stored connections that cannot be used, and testing before enabling.

const KEY = "connection-test-key-0123456789";
let sim: Awaited<ReturnType<typeof startSimulator>>;
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: typeof import("./connection-admin");
let db: typeof import("../db/client").db;

beforeAll(async () => {
  sim = await startSimulator("sk-admin-test");
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("ENCRYPTION_KEY", KEY);
  vi.stubEnv("GLM_BASE_URL", "");
  admin = await import("./connection-admin");
  db = (await import("../db/client")).db;
});

afterAll(async () => {
  await db?.$disconnect();
  await sim?.close();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

describe("connection administration", () => {
  it("tests a disabled connection before it is switched on", async () => {
    const id = await admin.createConnection({
      platform: "bigmodel",
      label: "Not yet",
      baseUrl: sim.baseURL.replace("/compatible-mode/v1", "/api/paas/v4"),
      apiKey: sim.apiKey,
      enabled: false,
    });
    expect(await admin.testConnection(id)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected: /) });
  });

  it("says why a stored connection cannot be used: a key sealed under another ENCRYPTION_KEY, an unknown platform", async () => {
    const { id: lostKey } = await db.platformConnection.create({
      data: {
        id: "lost-key",
        platform: "dashscope",
        label: "Old key",
        baseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
        apiKeySealed: seal("sk-old", boundTo("platformKey", "lost-key"), "another-encryption-key-0123"),
        apiKeyHint: "••••-old",
      },
    });
    const { id: unknown } = await db.platformConnection.create({
      data: { platform: "moonshot", label: "From the future", baseUrl: "https://example.test/v1" },
    });
    const rows = await admin.connectionRows();
    expect(rows.find((r) => r.id === lostKey)?.problem).toMatch(/cannot be decrypted.*another ENCRYPTION_KEY/);
    expect(rows.find((r) => r.id === unknown)).toMatchObject({
      platform: "openai-compatible",
      platformLabel: 'Unknown platform "moonshot"',
      problem: expect.stringContaining("not known to this version"),
    });
    expect(await admin.testConnection(lostKey)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Enter the key again"),
    });
    expect(await admin.testConnection("no-such-id")).toEqual({
      ok: false,
      message: "This connection no longer exists.",
    });
  });

  it("asks for the key again when the base URL moves to another scheme, host or port", async () => {
    const input = {
      platform: "openai-compatible" as const,
      label: "Self-hosted",
      baseUrl: "https://llm.example.test:8443/v1",
      apiKey: "sk-self-hosted",
      enabled: false,
    };
    const id = await admin.createConnection(input);
    const stored = await db.platformConnection.findUniqueOrThrow({ where: { id } });
    const keep = { ...input, apiKey: undefined };
    for (const baseUrl of [
      "http://llm.example.test:8443/v1",
      "https://llm.example.test:8444/v1",
      "https://other.example.test:8443/v1",
    ]) {
      expect(await admin.updateConnection(id, { ...keep, baseUrl })).toBe("key-required");
    }
    expect((await db.platformConnection.findUniqueOrThrow({ where: { id } })).baseUrl).toBe(input.baseUrl);
    // Another path keeps the key; a key typed with the new address is taken.
    expect(await admin.updateConnection(id, { ...keep, baseUrl: "https://llm.example.test:8443/api/v1" })).toBe(
      "saved",
    );
    expect((await db.platformConnection.findUniqueOrThrow({ where: { id } })).apiKeySealed).toBe(stored.apiKeySealed);
    expect(
      await admin.updateConnection(id, { ...input, baseUrl: "http://llm.example.test:8000/v1", apiKey: "sk-new" }),
    ).toBe("saved");
    // A connection without a key has nothing to carry: it moves freely.
    const keyless = await admin.createConnection({ ...keep, label: "No key" });
    expect(await admin.updateConnection(keyless, { ...keep, baseUrl: "http://10.0.0.9:8000/v1" })).toBe("saved");
  });

  it("seals a key for its own row: copied onto another connection, it does not open there", async () => {
    const input = {
      platform: "bigmodel" as const,
      label: "Sealed",
      baseUrl: "https://open.bigmodel.cn/api/paas/v4",
      apiKey: "sk-bound-to-its-row",
      enabled: false,
    };
    const first = await admin.createConnection(input);
    const second = await admin.createConnection({ ...input, label: "Other", apiKey: "sk-other-row" });
    const { apiKeySealed } = await db.platformConnection.findUniqueOrThrow({ where: { id: first } });
    expect(apiKeySealed).toMatch(/^v2\./);
    await db.platformConnection.update({ where: { id: second }, data: { apiKeySealed } });
    const rows = await admin.connectionRows();
    expect(rows.find((r) => r.id === first)?.problem).toBeUndefined();
    expect(rows.find((r) => r.id === second)?.problem).toMatch(/cannot be decrypted/);
  });
});
