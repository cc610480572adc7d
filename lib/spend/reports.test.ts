import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// The usage reports narrowed to chat turns or API calls and to one key (issue #17, "One
// ledger"): ledger rows of both kinds written with the app's own statement, read back through
// the reports and the CSV export on a real SQLite file.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let reports: typeof import("./reports");
let range: typeof import("./range");
let csv: typeof import("./ledger-csv");
let db: typeof import("../db/client").db;
let config: import("./config").SpendConfig;
let alice: string;
let bob: string;
let aliceKey: string;
let aliceOldKey: string;
let bobKey: string;

const DAY = { from: "2026-03-10", to: "2026-03-10" };
const AT = new Date("2026-03-10T09:00:00Z");

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  reports = await import("./reports");
  range = await import("./range");
  csv = await import("./ledger-csv");
  ({ db } = await import("../db/client"));
  const { createUser } = await import("@/test/users");
  const { createApiKey, revokeApiKey } = await import("../keys/keys");
  const { recordLedger } = await import("./queries/ledger");
  const { loadSpendConfig } = await import("./config");
  config = { ...(await loadSpendConfig()), currency: "CNY", timeZone: "UTC" };

  alice = (await createUser({ email: "alice@example.test", name: "Alice", passwordHash: "x" })).id;
  bob = (await createUser({ email: "bob@example.test", name: null, passwordHash: "x" })).id;
  aliceKey = (await createApiKey(alice, { name: "laptop", expiresInDays: null })).id;
  aliceOldKey = (await createApiKey(alice, { name: "old script", expiresInDays: null })).id;
  bobKey = (await createApiKey(bob, { name: "bob's cline", expiresInDays: null })).id;
  await revokeApiKey(alice, aliceOldKey);

  const entry = (
    userId: string,
    purpose: "answer" | "title" | "api",
    tokens: number,
    micros: number,
    apiKeyId: string | null = null,
  ) => ({
    userId,
    conversationId: null,
    messageId: null,
    purpose,
    apiKeyId,
    platform: "zai",
    requestedModel: "glm-5.1",
    answeredModel: "glm-5.1",
    usage: {
      inputTokens: tokens / 2,
      outputTokens: tokens / 2,
      reasoningTokens: 0,
      cachedInputTokens: 0,
      totalTokens: tokens,
      estimated: false,
    },
    cost: { costMicros: micros, currency: "CNY", costSource: "price" as const, priceId: null, multiplier: 1 },
    at: AT,
  });
  await recordLedger(
    [
      entry(alice, "answer", 100, 1_000),
      entry(alice, "title", 10, 100),
      entry(alice, "api", 200, 2_000, aliceKey),
      entry(alice, "api", 400, 4_000, aliceKey),
      entry(alice, "api", 50, 500, aliceOldKey),
      entry(bob, "answer", 1_000, 10_000),
      entry(bob, "api", 3_000, 30_000, bobKey),
    ],
    { timeZone: "UTC" },
  );
});
afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const totalOf = (r: Awaited<ReturnType<typeof reports.usageReport>>) => ({
  tokens: r.total.tokens,
  micros: r.total.micros,
  calls: r.total.calls,
});

describe("My usage, narrowed", () => {
  it("counts chat turns and API calls by default, and names the keys of the API calls", async () => {
    const report = await reports.usageReport(config, DAY, alice);
    expect(totalOf(report)).toEqual({ tokens: 760, micros: 7_600, calls: 5 });
    expect(report.keys.map((k) => [k.name, k.tokens, k.micros, k.calls, k.revoked])).toEqual([
      ["laptop", 600, 6_000, 2, false],
      ["old script", 50, 500, 1, true],
    ]);
    expect(report.keys[0].prefix).toMatch(/\S/);
  });

  it("counts only chat turns (answers and titles) for source chat, and no key then", async () => {
    const report = await reports.usageReport(config, DAY, alice, { source: "chat", keyId: null });
    expect(totalOf(report)).toEqual({ tokens: 110, micros: 1_100, calls: 2 });
    expect(report.keys).toEqual([]);
  });

  it("counts only API calls for source api, and one key's calls for a key", async () => {
    const api = await reports.usageReport(config, DAY, alice, { source: "api", keyId: null });
    expect(totalOf(api)).toEqual({ tokens: 650, micros: 6_500, calls: 3 });
    const laptop = await reports.usageReport(config, DAY, alice, { source: "all", keyId: aliceKey });
    expect(totalOf(laptop)).toEqual({ tokens: 600, micros: 6_000, calls: 2 });
    expect(laptop.keys.map((k) => k.id)).toEqual([aliceKey]);
    expect(laptop.days[0]).toMatchObject({ day: "2026-03-10", tokens: 600 });
    // A key's calls are no chat turns.
    const none = await reports.usageReport(config, DAY, alice, { source: "chat", keyId: aliceKey });
    expect(totalOf(none)).toEqual({ tokens: 0, micros: 0, calls: 0 });
  });

  it("shows nothing of another user's key: the address's key is ignored, and the ledger read stays the user's", async () => {
    const own = await reports.reportKeys(alice);
    expect(own.map((k) => k.name).sort()).toEqual(["laptop", "old script"]);
    expect(own.find((k) => k.id === aliceOldKey)?.revoked).toBe(true);
    expect(own.every((k) => k.owner === null)).toBe(true);

    const filter = range.filterFrom({ source: "api", key: bobKey }, own);
    expect(filter).toEqual({ source: "api", keyId: null });
    const report = await reports.usageReport(config, DAY, alice, filter);
    expect(totalOf(report)).toEqual({ tokens: 650, micros: 6_500, calls: 3 });
    expect(report.keys.some((k) => k.id === bobKey)).toBe(false);

    // Even asked for directly, a user's report holds none of another's rows.
    const forced = await reports.usageReport(config, DAY, alice, { source: "all", keyId: bobKey });
    expect(totalOf(forced)).toEqual({ tokens: 0, micros: 0, calls: 0 });
    expect(forced.keys).toEqual([]);
  });
});

describe("Team usage, narrowed", () => {
  it("counts everyone's rows by source and any key, with the keys' owners", async () => {
    const all = await reports.usageReport(config, DAY);
    expect(totalOf(all)).toEqual({ tokens: 4_760, micros: 47_600, calls: 7 });
    expect(all.keys.map((k) => [k.name, k.owner.email, k.tokens])).toEqual([
      ["bob's cline", "bob@example.test", 3_000],
      ["laptop", "alice@example.test", 600],
      ["old script", "alice@example.test", 50],
    ]);
    const chat = await reports.usageReport(config, DAY, undefined, { source: "chat", keyId: null });
    expect(totalOf(chat)).toEqual({ tokens: 1_110, micros: 11_100, calls: 3 });
    expect(chat.users.map((u) => [u.email, u.tokens])).toEqual([
      ["bob@example.test", 1_000],
      ["alice@example.test", 110],
    ]);
    const bobs = await reports.usageReport(config, DAY, undefined, range.filterFrom({ key: bobKey }, "any"));
    expect(totalOf(bobs)).toEqual({ tokens: 3_000, micros: 30_000, calls: 1 });

    const everyone = await reports.reportKeys();
    expect(everyone).toHaveLength(3);
    expect(everyone.find((k) => k.id === bobKey)?.owner).toEqual({ email: "bob@example.test", name: null });
  });

  it("exports only the filtered rows, each naming its key", async () => {
    const text = async (filter: Parameters<typeof csv.ledgerCsv>[2]) => {
      const lines = (await new Response(csv.ledgerCsv(config, DAY, filter)).text()).trim().split("\n");
      const header = lines[0].split(",");
      return lines.slice(1).map((l) => {
        const cells = l.split(",");
        return { purpose: cells[header.indexOf("purpose")], key: cells[header.indexOf("api_key_id")] };
      });
    };
    expect(await text(undefined)).toHaveLength(7);
    const api = await text({ source: "api", keyId: null });
    expect(api).toHaveLength(4);
    expect(api.every((r) => r.purpose === "api" && r.key !== "")).toBe(true);
    expect((await text({ source: "chat", keyId: null })).map((r) => r.key)).toEqual(["", "", ""]);
    expect(await text({ source: "all", keyId: bobKey })).toEqual([{ purpose: "api", key: bobKey }]);
  });
});

describe("the filter in the address", () => {
  it("is all rows by default, and ignores what it does not know", () => {
    const keys = [{ id: "k1" }];
    expect(range.filterFrom({}, keys)).toEqual({ source: "all", keyId: null });
    expect(range.filterFrom({ source: "chat", key: "" }, keys)).toEqual({ source: "chat", keyId: null });
    expect(range.filterFrom({ source: "bogus", key: "k1" }, keys)).toEqual({ source: "all", keyId: "k1" });
    expect(range.filterFrom({ source: ["api", "chat"], key: ["k1", "k1"] }, keys)).toEqual({
      source: "all",
      keyId: null,
    });
    expect(range.filterFrom({ key: "k2" }, keys)).toEqual({ source: "all", keyId: null });
    expect(range.filterFrom({ key: "k2" }, "any")).toEqual({ source: "all", keyId: "k2" });
  });
});
