import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// The team's spend settings as a turn reads them: the default request rate applies until an admin
// sets another or none.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let config: typeof import("./config");
let admin: typeof import("./admin");
let db: typeof import("../db/client").db;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  config = await import("./config");
  admin = await import("./admin");
  ({ db } = await import("../db/client"));
});
afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const rateOf = async (userId = "someone") => config.limitsOf(await config.loadSpendConfig(), userId).requestsPerMinute;

describe("the per-user request rate", () => {
  it("is 20 a minute on a fresh deployment, so every request is admitted against it", async () => {
    expect(await rateOf()).toBe(20);
    expect(config.hasLimits(config.limitsOf(await config.loadSpendConfig(), "someone"))).toBe(true);
  });

  it("stays the default when other settings are saved, and for settings saved before it existed", async () => {
    await admin.saveSpendSettings({ currency: "EUR", exchangeRates: {} });
    expect(await rateOf()).toBe(20);
    // A row as the budgets page wrote it before: no rate, no choice of none.
    await db.spendSettings.update({ where: { id: "team" }, data: { requestsPerMinute: null, requestRateOff: false } });
    expect(await rateOf()).toBe(20);
  });

  it("is what the admin sets, or none when the admin leaves it blank (no write before a call then)", async () => {
    await admin.saveSpendSettings({ requestsPerMinute: 5 });
    expect(await rateOf()).toBe(5);
    await admin.saveSpendSettings({ requestsPerMinute: null });
    expect(await rateOf()).toBeNull();
    expect(config.hasLimits(config.limitsOf(await config.loadSpendConfig(), "someone"))).toBe(false);
    // Saving the currency later does not bring the default back.
    await admin.saveSpendSettings({ currency: "CNY", exchangeRates: {} });
    expect(await rateOf()).toBeNull();
  });

  it("is a user's own when an admin gave them one", async () => {
    const { createUser } = await import("@/test/users");
    const user = await createUser({ email: "rate@example.test", name: null, passwordHash: "x" });
    await admin.saveUserLimits(user.id, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: 60 });
    expect(await rateOf(user.id)).toBe(60);
    expect(await rateOf()).toBeNull();
  });
});
