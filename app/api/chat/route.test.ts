import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSimulatorAndDatabase } from "../../../lib/chat/turn-harness";
import { planResponse } from "../../../scripts/simulator/scenario";

// Many simultaneous chats at the route handler itself (session cookie, body validation, the turn,
// settlement), against a real SQLite file and the simulator: the ledger and the running totals
// must add up to exactly what the simulator reported, and no budget may be overshot.

const SECRET = "route-test-secret-0123456789abcdef0123456789";
let sim: Awaited<ReturnType<typeof startSimulatorAndDatabase>>["sim"];
let dbHandle: Awaited<ReturnType<typeof startSimulatorAndDatabase>>["dbHandle"];
let POST: (request: Request) => Promise<Response>;
let db: typeof import("../../../lib/db/client").db;
let admin: typeof import("../../../lib/spend/admin");
const users: { id: string; cookie: string }[] = [];

beforeAll(async () => {
  ({ sim, dbHandle } = await startSimulatorAndDatabase());
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../lib/db/client"));
  admin = await import("../../../lib/spend/admin");
  const route = await import("./route");
  POST = (request) => route.POST(request, undefined as never);
  const { createUser } = await import("../../../lib/db/users");
  for (const email of ["carol@example.test", "dave@example.test"]) {
    const user = await createUser({ email, name: null, passwordHash: "x" });
    const token = await encode({
      token: { sub: user.id, email, role: "member" },
      secret: SECRET,
      salt: "authjs.session-token",
    });
    users.push({ id: user.id, cookie: `authjs.session-token=${token}` });
  }
});

afterAll(async () => {
  await db?.$disconnect();
  await sim?.close();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

beforeEach(async () => {
  await db.usage.deleteMany();
  await db.spendTotal.deleteMany();
  await db.userBudget.deleteMany();
  await db.spendSettings.deleteMany();
  // Far more requests a minute than the default rate allows: off, as an admin can switch it.
  await admin.saveSpendSettings({ requestsPerMinute: null });
  await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 4, output: 16, cachedInput: 1 }, users[0].id);
});

function chat(user: (typeof users)[number], text: string, maxOutputTokens = 1000, thinking = true): Promise<Response> {
  return POST(
    new Request("http://localhost/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: user.cookie },
      body: JSON.stringify({
        id: randomUUID(),
        trigger: "submit-message",
        parentId: null,
        message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] },
        connection: "env:default",
        model: "glm-5.1",
        thinking,
        webSearch: false,
        tools: false,
        systemPrompt: "",
        parameters: { maxOutputTokens },
      }),
    }),
  );
}

/** What the simulator reported in the answers it sent from `from` on, and their cost at 4 / 16 per 1M. */
function reported(from: number) {
  return sim.requests.slice(from).reduce(
    (sum, r) => {
      if (!r.usage) return sum;
      const { promptTokens, completionTokens } = r.usage;
      return {
        calls: sum.calls + 1,
        tokens: sum.tokens + promptTokens + completionTokens,
        // Only glm-5.1 has a price here (titles are asked of a cheaper model).
        micros:
          sum.micros +
          ((r.body as { model?: string }).model === "glm-5.1" ? promptTokens * 4 + completionTokens * 16 : 0),
      };
    },
    { calls: 0, tokens: 0, micros: 0 },
  );
}

/** What the simulator reports for a first message. */
function expected(text: string, thinking = true) {
  const { usage } = planResponse({ model: "glm-5.1", messages: [{ role: "user", content: text }], thinking });
  return {
    tokens: usage.promptTokens + usage.completionTokens,
    micros: usage.promptTokens * 4 + usage.completionTokens * 16,
  };
}

async function total(scope: string) {
  const rows = await db.spendTotal.findMany({ where: { scope } });
  const sum = (f: (r: (typeof rows)[number]) => bigint) => rows.reduce((s, r) => s + Number(f(r)), 0);
  return {
    tokens: sum((r) => r.tokens),
    micros: sum((r) => r.costMicros),
    reservedTokens: sum((r) => r.reservedTokens),
    reservedMicros: sum((r) => r.reservedMicros),
  };
}

/** Settlement runs as a stream ends, titles after it; wait until the ledger holds `rows` rows. */
async function ledgerRows(rows: number, where: { purpose?: string } = {}) {
  for (let i = 0; i < 300 && (await db.usage.count({ where })) < rows; i++) await new Promise((r) => setTimeout(r, 50));
  return db.usage.count({ where });
}

describe("POST /api/chat under concurrency", () => {
  it("200 simultaneous streams of one user add up to exactly the simulator's usage", { timeout: 120_000 }, async () => {
    const [carol] = users;
    const from = sim.requests.length;
    const texts = Array.from({ length: 200 }, (_, i) => `Question number ${i}${"?".repeat(i % 7)}`);
    const responses = await Promise.all(texts.map((text) => chat(carol, text)));
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 200));
    await Promise.all(responses.map((r) => r.text()));
    // 200 answers, and 200 titles for the 200 new conversations: every upstream call is a row.
    expect(await ledgerRows(200, { purpose: "answer" })).toBe(200);
    expect(await ledgerRows(200, { purpose: "title" })).toBe(200);

    const want = reported(from);
    expect(want.calls).toBe(400);
    const rows = await db.usage.findMany({ where: { userId: carol.id } });
    expect(rows.reduce((s, r) => s + r.totalTokens, 0)).toBe(want.tokens);
    expect(rows.reduce((s, r) => s + Number(r.costMicros), 0)).toBe(want.micros);
    expect(rows.every((r) => !r.estimated)).toBe(true);
    const { calls: _, ...sums } = want;
    expect(await total(`user:${carol.id}`)).toEqual({ ...sums, reservedTokens: 0, reservedMicros: 0 });
    expect(await total("team")).toEqual({ ...sums, reservedTokens: 0, reservedMicros: 0 });
  });

  it("concurrent requests cannot overshoot a budget together", { timeout: 120_000 }, async () => {
    const [carol, dave] = users;
    // Without thinking, each request may use 80 output tokens and its prompt (bound at 81 tokens:
    // 161 tokens, ~1,606 micro-units at 4 / 16 per 1M) and really uses ~30: the user's budget
    // holds two such calls at once, the team's (shared with dave) six. Checked apart from the
    // reservation, all 30 of carol's requests would pass and spend more than her 450 tokens.
    await admin.saveUserLimits(carol.id, { monthlyTokens: 450, monthlyMicros: null, requestsPerMinute: null });
    await admin.saveSpendSettings({
      currency: "USD",
      exchangeRates: {},
      timeZone: "UTC",
      teamMonthlyTokens: null,
      teamMonthlyMicros: 10_400,
      userMonthlyTokens: null,
      userMonthlyMicros: null,
      requestsPerMinute: null,
      budgetContact: null,
    });
    const asks = Array.from({ length: 60 }, (_, i) => ({ user: i % 2 ? dave : carol, text: `Budget ${i}` }));
    const responses = await Promise.all(asks.map((a) => chat(a.user, a.text, 80, false)));
    const statuses = responses.map((r) => r.status);
    const admitted = asks.filter((_, i) => statuses[i] === 200);
    expect(new Set(statuses)).toEqual(new Set([200, 402]));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(await ledgerRows(admitted.length, { purpose: "answer" })).toBe(admitted.length);

    // Answers only: titles are not admitted against a budget (and their rows are checked above).
    const spent = (who: typeof carol) =>
      admitted.filter((a) => a.user === who).reduce((s, a) => s + expected(a.text, false).tokens, 0);
    const answers = (userId: string) => db.usage.findMany({ where: { userId, purpose: "answer" } });
    expect((await answers(carol.id)).reduce((s, r) => s + r.totalTokens, 0)).toBe(spent(carol));
    expect(spent(carol)).toBeLessThanOrEqual(450);
    // Some of carol's requests fit (how many depends on when the titles of the first ones hold
    // their share of her budget), and the rest were refused.
    expect(admitted.filter((a) => a.user === carol).length).toBeGreaterThanOrEqual(2);
    const teamAnswers = [...(await answers(carol.id)), ...(await answers(dave.id))];
    const teamMicros = teamAnswers.reduce((s, r) => s + Number(r.costMicros), 0);
    expect(teamMicros).toBe(admitted.reduce((s, a) => s + expected(a.text, false).micros, 0));
    expect(teamMicros).toBeLessThanOrEqual(10_400);
    expect(admitted.length).toBeGreaterThanOrEqual(6);
    // Titles are asked for after the answers, each holding its own small reservation meanwhile.
    await vi.waitFor(async () => expect(await db.reservation.count()).toBe(0), { timeout: 10_000 });
    expect(await total("team")).toMatchObject({ reservedTokens: 0, reservedMicros: 0 });
    // A refusal says which budget, in a body the browser shows.
    expect(JSON.parse(bodies[statuses.indexOf(402)])).toMatchObject({
      error: { code: "budget_exceeded", message: expect.stringMatching(/monthly budget/) },
    });
  });
});
