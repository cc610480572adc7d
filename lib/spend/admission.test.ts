import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";
import type { CallBound } from "./admission";
import type { SpendConfig, UserLimits } from "./config";

// Admission's SQL against a real database: what a call is granted under token and money limits,
// how calls in flight share what is left, the useful minimum, and that no number of concurrent
// calls holds more than a budget.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let admission: typeof import("./admission");
let ledger: typeof import("./queries/ledger");
let turnBudget: typeof import("./turn-budget");

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  admission = await import("./admission");
  ledger = await import("./queries/ledger");
  turnBudget = await import("./turn-budget");
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const at = new Date(Date.UTC(2026, 10, 22, 12, 0));
const none = { tokens: null, micros: null };
const limits = (over: Partial<UserLimits> = {}): UserLimits => ({
  user: none,
  team: none,
  key: null,
  requestsPerMinute: null,
  ...over,
});
const call = (over: Partial<CallBound> = {}): CallBound => ({
  promptTokens: 1_000,
  outputTokens: 50_000,
  leastOutputTokens: 1_024,
  price: null,
  ...over,
});

async function admit(userId: string, userLimits: UserLimits, bound: CallBound = call()) {
  return admission.admit({ userId, limits: userLimits, call: bound, timeZone: "UTC", now: at });
}

async function held(scope: string) {
  const { sql } = await import("../db/client");
  const row = (
    await sql().execute({
      sql: 'SELECT * FROM "SpendTotal" WHERE "scope" = ? AND "period" = ?',
      args: [scope, "2026-11"],
    })
  ).rows[0];
  return { tokens: Number(row?.reservedTokens ?? 0), micros: Number(row?.reservedMicros ?? 0) };
}

describe("admission under a token budget", () => {
  it("grants half of what is left to a call, then half of the rest to the next, down to the useful minimum", async () => {
    const user = randomUUID();
    const budget = limits({ user: { tokens: 10_000, micros: null } });
    const grants: (number | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const a = await admit(user, budget);
      grants.push(a.admitted ? a.outputTokens : null);
    }
    // 10,000 left: 5,000 for the first (1,000 of prompt, 4,000 of output); 5,000 left: 2,500
    // (1,500 of output); 2,500 left, half would not hold the prompt and 1,024 tokens: it takes
    // that much; 476 left: refused.
    expect(grants).toEqual([4_000, 1_500, 1_024, null]);
    expect(await held(`user:${user}`)).toMatchObject({ tokens: 5_000 + 2_500 + 2_024 });
    const refused = await admit(user, budget);
    expect(refused).toMatchObject({
      admitted: false,
      refusal: { kind: "budget", scope: "user", unit: "tokens", need: 2_024, limit: 10_000 },
    });
  });

  it("never grants more than asked, nor makes a minimum above what was asked", async () => {
    const user = randomUUID();
    const small = await admit(
      user,
      limits({ user: { tokens: 1_000_000, micros: null } }),
      call({ outputTokens: 300, leastOutputTokens: 1_024 }),
    );
    expect(small).toMatchObject({ admitted: true, outputTokens: 300, reservation: { tokens: 1_300 } });
    // 1,400 left holds a prompt of 1,000 and the 300 asked for, though not 1,024.
    const tight = await admit(
      randomUUID(),
      limits({ user: { tokens: 1_400, micros: null } }),
      call({ outputTokens: 300, leastOutputTokens: 1_024 }),
    );
    expect(tight).toMatchObject({ admitted: true, outputTokens: 300 });
  });

  it("takes the tightest of the user's and the team's limits", async () => {
    const { sql } = await import("../db/client");
    await sql().execute('DELETE FROM "SpendTotal" WHERE "scope" = \'team\'');
    const user = randomUUID();
    const a = await admit(
      user,
      limits({ user: { tokens: 100_000, micros: null }, team: { tokens: 8_000, micros: null } }),
    );
    expect(a).toMatchObject({ admitted: true, outputTokens: 3_000 });
    expect(await held("team")).toMatchObject({ tokens: 4_000 });
    await sql().execute('DELETE FROM "SpendTotal" WHERE "scope" = \'team\'');
  });

  it("refuses as used up when nothing is left, and counts what was spent", async () => {
    const user = randomUUID();
    const { sql } = await import("../db/client");
    await sql().execute({
      sql: 'INSERT INTO "SpendTotal" ("scope", "period", "tokens") VALUES (?, ?, ?)',
      args: [`user:${user}`, "2026-11", 12_000],
    });
    const a = await admit(user, limits({ user: { tokens: 10_000, micros: null } }));
    expect(a).toMatchObject({ admitted: false, refusal: { kind: "budget", balance: { tokens: 12_000 } } });
  });

  it("holds no more than the budget however many calls arrive at once", async () => {
    const user = randomUUID();
    const budget = limits({ user: { tokens: 50_000, micros: null } });
    const all = await Promise.all(Array.from({ length: 30 }, () => admit(user, budget)));
    const admitted = all.filter((a) => a.admitted);
    const total = admitted.reduce((n, a) => n + (a.admitted ? a.reservation.tokens : 0), 0);
    expect(admitted.length).toBeGreaterThan(3);
    expect(total).toBeLessThanOrEqual(50_000);
    expect(await held(`user:${user}`)).toMatchObject({ tokens: total });
    // Given back, the budget is whole again.
    for (const a of admitted) if (a.admitted) await ledger.releaseReservation(a.reservation);
    expect(await held(`user:${user}`)).toMatchObject({ tokens: 0 });
  });
});

describe("an API key's monthly cap", () => {
  it("holds calls through the key to its cap, alongside the user's budget, and no other key's", async () => {
    const user = randomUUID();
    const capped = { id: randomUUID(), tokens: 6_000, micros: null };
    const budget = limits({ user: { tokens: 1_000_000, micros: null }, key: capped });
    const first = await admit(user, budget);
    // Half of the key's 6,000: 1,000 of prompt and 2,000 of output.
    expect(first).toMatchObject({ admitted: true, outputTokens: 2_000 });
    expect(await held(`key:${capped.id}`)).toMatchObject({ tokens: 3_000 });
    expect(await held(`user:${user}`)).toMatchObject({ tokens: 3_000 });
    // 3,000 left: half would not hold the prompt and the useful minimum, so it takes that much.
    const second = await admit(user, budget);
    expect(second).toMatchObject({ admitted: true, outputTokens: 1_024 });
    expect(await admit(user, budget)).toMatchObject({
      admitted: false,
      refusal: { kind: "budget", scope: "key", unit: "tokens", limit: 6_000 },
    });
    // Another key of the same user, with a cap of its own, starts from its whole cap.
    expect(
      await admit(user, limits({ user: { tokens: 1_000_000, micros: null }, key: { ...capped, id: randomUUID() } })),
    ).toMatchObject({ admitted: true, outputTokens: 2_000 });
    for (const a of [first, second]) if (a.admitted) await ledger.releaseReservation(a.reservation);
    expect(await held(`key:${capped.id}`)).toMatchObject({ tokens: 0 });
  });

  it("counts what the key's calls cost, and holds no more than its cap under calls at once", async () => {
    const { createUser } = await import("@/test/users");
    const user = (await createUser({ email: `${randomUUID()}@example.com`, name: null, passwordHash: "x" })).id;
    const key = { id: randomUUID(), tokens: null, micros: 400_000 };
    const priced = call({ price: { promptMicros: 4_000, outputMicrosPerToken: 16, roundingMicros: 1 } });
    const all = await Promise.all(Array.from({ length: 20 }, () => admit(user, limits({ key }), priced)));
    const admitted = all.flatMap((a) => (a.admitted ? [a.reservation] : []));
    expect(admitted.length).toBeGreaterThan(2);
    expect(admitted.reduce((n, r) => n + r.micros, 0)).toBeLessThanOrEqual(400_000);
    expect(all.find((a) => !a.admitted)).toMatchObject({ refusal: { scope: "key", unit: "money" } });
    // Settled as a ledger row naming the key: the cost stays in the key's totals.
    const { recordLedger } = ledger;
    await recordLedger(
      [
        {
          userId: user,
          conversationId: null,
          messageId: null,
          purpose: "api",
          apiKeyId: key.id,
          platform: "dashscope",
          requestedModel: "glm-5.1",
          answeredModel: "glm-5.1",
          usage: {
            inputTokens: 1_000,
            outputTokens: 500,
            reasoningTokens: 0,
            cachedInputTokens: 0,
            totalTokens: 1_500,
            estimated: false,
          },
          cost: { costMicros: 12_000, currency: "CNY", costSource: "price", priceId: null, multiplier: 1 },
          at,
        },
      ],
      { timeZone: "UTC", before: admitted.flatMap((r) => ledger.releaseStatements(r)) },
    );
    const { sql } = await import("../db/client");
    const total = (
      await sql().execute({ sql: 'SELECT * FROM "SpendTotal" WHERE "scope" = ?', args: [`key:${key.id}`] })
    ).rows[0];
    expect(total).toMatchObject({ costMicros: 12_000, reservedMicros: 0 });
  });
});

describe("admission under a money budget", () => {
  // 4 per 1M prompt tokens, 16 per 1M output tokens: 4 and 16 micro-units a token.
  const priced = (over: Partial<CallBound> = {}) =>
    call({ price: { promptMicros: 1_000 * 4, outputMicrosPerToken: 16, roundingMicros: 1 }, ...over });

  it("caps the output to what half of the money left pays for, after the prompt", async () => {
    const user = randomUUID();
    const a = await admit(user, limits({ user: { tokens: null, micros: 1_000_000 } }), priced());
    // Half of 1,000,000: 500,000, less 4,000 for the prompt and 2 for rounding, buys 30,999 tokens.
    expect(a).toMatchObject({ admitted: true, outputTokens: 30_999 });
    if (!a.admitted) return;
    expect(a.reservation.micros).toBeLessThanOrEqual(500_000);
    expect(a.reservation.micros).toBeGreaterThanOrEqual(4_000 + 30_999 * 16);
  });

  it("refuses when the money left does not pay for the prompt and the useful minimum", async () => {
    const user = randomUUID();
    const a = await admit(user, limits({ user: { tokens: null, micros: 20_000 } }), priced());
    expect(a).toMatchObject({
      admitted: false,
      refusal: { kind: "budget", unit: "money", need: 4_000 + 1_024 * 16 + 2 },
    });
  });

  it("grants all that was asked for when output is free, if the prompt fits", async () => {
    const user = randomUUID();
    const free = priced({ price: { promptMicros: 4_000, outputMicrosPerToken: 0, roundingMicros: 1 } });
    expect(await admit(user, limits({ user: { tokens: null, micros: 10_000 } }), free)).toMatchObject({
      admitted: true,
      outputTokens: 50_000,
    });
    expect(await admit(randomUUID(), limits({ user: { tokens: null, micros: 3_000 } }), free)).toMatchObject({
      admitted: false,
    });
  });
});

describe("the turn's budget", () => {
  const config = (over: Partial<SpendConfig> = {}): SpendConfig => ({
    currency: "CNY",
    rates: {},
    timeZone: "UTC",
    contact: "#ai-budget",
    team: none,
    userDefault: { tokens: null, micros: 1_000_000, requestsPerMinute: null },
    users: new Map(),
    prices: new Map(),
    rules: new Map(),
    runningPerUser: 3,
    ...over,
  });
  const estimate = { promptTokens: 100, outputTokens: 2_000, at };

  it("refuses a model without a price under a money limit, naming it, before anything is held", async () => {
    const budget = new turnBudget.TurnBudget(config(), {
      userId: randomUUID(),
      platform: "runware",
      models: ["glm-5.1"],
      candidates: 1,
    });
    await expect(budget.admitFirst(estimate)).rejects.toMatchObject({
      code: "budget_exceeded",
      message:
        "GLM-5.1 on Runware has no price, and your monthly budget is counted in CNY: without a price, what it spends cannot be kept within the budget. Ask #ai-budget to set its price (Admin → Prices), or choose another model. Your message was not sent.",
    });
    expect(budget.holdsAny).toBe(false);
  });

  it("leaves out fallbacks without a price under a money limit, and bounds the cost by the dearest of the rest", async () => {
    const price = (output: number) => ({ id: randomUUID(), currency: "CNY", input: 1, output, cachedInput: null });
    const budget = new turnBudget.TurnBudget(
      config({
        prices: new Map([
          ["dashscope/glm-5.1", price(16)],
          ["dashscope/glm-4.7", price(32)],
        ]),
      }),
      { userId: randomUUID(), platform: "dashscope", models: ["glm-5.1", "glm-4.6", "glm-4.7"], candidates: 1 },
    );
    expect(budget.models).toEqual(["glm-5.1", "glm-4.7"]);
    const grant = await budget.admitFirst({ ...estimate, outputTokens: 1_000_000 });
    // Half of 1 CNY, less the prompt (100 tokens at 1) and rounding, at glm-4.7's 32 a token.
    expect(grant).toEqual({ outputTokens: Math.floor((500_000 - 100 - 2) / 32), capped: true, budgeted: true });
    await budget.releaseAll();
  });

  it("asks for a useful answer for each answer asked for, and says to ask for fewer", async () => {
    const budget = new turnBudget.TurnBudget(
      config({ userDefault: { tokens: 3_000, micros: null, requestsPerMinute: null } }),
      { userId: randomUUID(), platform: "dashscope", models: ["glm-5.1"], candidates: 4 },
    );
    await expect(budget.admitFirst({ ...estimate, outputTokens: 40_000 })).rejects.toMatchObject({
      message: expect.stringMatching(
        /^Your monthly budget has 3,000 tokens left, and this message needs at least 4,196 tokens: its conversation as sent, and a short answer for each answer asked for\. Ask for fewer answers/,
      ),
    });
  });

  it("without any limit, writes nothing and grants what was asked", async () => {
    const budget = new turnBudget.TurnBudget(
      config({ userDefault: { tokens: null, micros: null, requestsPerMinute: null } }),
      {
        userId: randomUUID(),
        platform: "dashscope",
        models: ["glm-5.1"],
        candidates: 1,
      },
    );
    expect(await budget.admitFirst(estimate)).toEqual({ outputTokens: 2_000, capped: false, budgeted: false });
    expect(budget.holdsAny).toBe(false);
  });
});
