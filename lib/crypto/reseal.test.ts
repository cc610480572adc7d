import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";
import { boundTo, open } from "./secret-box";

// The upgrade's data step against a real database: values sealed by the previous version are
// sealed again, bound to their rows; what cannot be opened is left for the admin page to report.

const KEY = "reseal-test-encryption-key-0123456789";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let db: typeof import("../db/client").db;
let reseal: typeof import("./reseal");

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("ENCRYPTION_KEY", KEY);
  db = (await import("../db/client")).db;
  reseal = await import("./reseal");
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

/** As the previous version sealed: SHA-256 of the key, no binding. */
function sealV1(plaintext: string, secret = KEY): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(secret).digest(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

describe("sealing stored secrets again", () => {
  it("re-seals v1 keys and tokens as v2 bound to their rows, once, and leaves what it cannot open", async () => {
    const connection = { platform: "bigmodel", label: "Old", baseUrl: "https://open.bigmodel.cn/api/paas/v4" };
    await db.platformConnection.create({ data: { ...connection, id: "c-old", apiKeySealed: sealV1("sk-old-key") } });
    const lost = sealV1("sk-lost", "some-other-encryption-key-0123");
    await db.platformConnection.create({ data: { ...connection, id: "c-lost", apiKeySealed: lost } });
    await db.platformConnection.create({ data: { ...connection, id: "c-none" } });
    await db.mcpServer.create({
      data: { id: "m-old", name: "Docs", url: "https://mcp.example.test/mcp", tools: [], tokenSealed: sealV1("tok") },
    });

    expect(await reseal.resealLegacySecrets()).toBe(2);
    const key = (await db.platformConnection.findUniqueOrThrow({ where: { id: "c-old" } })).apiKeySealed ?? "";
    expect(key).toMatch(/^v2\./);
    expect(open(key, boundTo("platformKey", "c-old"))).toBe("sk-old-key");
    expect(() => open(key, boundTo("platformKey", "c-lost"))).toThrow();
    const token = (await db.mcpServer.findUniqueOrThrow({ where: { id: "m-old" } })).tokenSealed ?? "";
    expect(open(token, boundTo("mcpToken", "m-old"))).toBe("tok");
    // Sealed under another ENCRYPTION_KEY: left as it is (the admin page says to enter it again).
    expect((await db.platformConnection.findUniqueOrThrow({ where: { id: "c-lost" } })).apiKeySealed).toBe(lost);
    expect((await db.platformConnection.findUniqueOrThrow({ where: { id: "c-none" } })).apiKeySealed).toBeNull();

    expect(await reseal.resealLegacySecrets()).toBe(0);
    expect((await db.platformConnection.findUniqueOrThrow({ where: { id: "c-old" } })).apiKeySealed).toBe(key);
  });

  it("runs when the app first reads the stored connections", async () => {
    await db.platformConnection.create({
      data: {
        id: "c-later",
        platform: "bigmodel",
        label: "Later",
        baseUrl: "https://open.bigmodel.cn/api/paas/v4",
        apiKeySealed: sealV1("sk-later"),
      },
    });
    const { listConnections } = await import("../providers/connections");
    const later = (await listConnections()).find((c) => c.id === "c-later");
    expect(later?.apiKey).toBe("sk-later");
    const stored = (await db.platformConnection.findUniqueOrThrow({ where: { id: "c-later" } })).apiKeySealed ?? "";
    expect(stored).toMatch(/^v2\./);
    expect(open(stored, boundTo("platformKey", "c-later"))).toBe("sk-later");
  });
});
