import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionCookieFor } from "@/test/session-cookie";
import { startSimulatorAndDatabase } from "@/test/turn-harness";
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

// Importing the route compiles most of the app: allow for a loaded machine.
beforeAll(async () => {
  ({ sim, dbHandle } = await startSimulatorAndDatabase());
  vi.stubEnv("AUTH_SECRET", SECRET);
  ({ db } = await import("../../../lib/db/client"));
  admin = await import("../../../lib/spend/admin");
  const route = await import("./route");
  POST = (request) => route.POST(request, undefined as never);
  const { createUser } = await import("@/test/users");
  for (const email of ["carol@example.test", "dave@example.test"]) {
    const user = await createUser({ email, name: null, passwordHash: "x" });
    users.push({ id: user.id, cookie: await sessionCookieFor(user, SECRET) });
  }
}, 60_000);

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
  await admin.saveSpendSettings({ requestsPerMinute: null, runningPerUser: 1_000 });
  await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 4, output: 16, cachedInput: 1 }, users[0].id);
});

function chat(
  user: (typeof users)[number],
  text: string,
  maxOutputTokens = 1000,
  { id = randomUUID(), thinking = true }: { id?: string; thinking?: boolean } = {},
): Promise<Response> {
  return POST(
    new Request("http://localhost/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: user.cookie },
      body: JSON.stringify({
        id,
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

/**
 * The calls the simulator answered (and billed) from `from` on, each with the ledger row it should
 * have: found by conversation (the one whose first message the call carries) and purpose. A
 * request it never answered (an attempt given up on and retried) cost nothing.
 */
function billedCalls(from: number, asks: { id: string; text: string }[]) {
  return sim.requests.slice(from).flatMap((r) => {
    if (!r.usage) return [];
    const body = r.body as { model: string; messages: { role: string; content: string }[] };
    const user = body.messages.findLast((m) => m.role === "user")?.content ?? "";
    // Titles are asked of a cheaper model, with the conversation quoted.
    const purpose = body.model === "glm-5.1" ? "answer" : "title";
    const ask = asks.find((a) => (purpose === "title" ? user.startsWith(`User: ${a.text}\n`) : user === a.text));
    const { promptTokens, completionTokens } = r.usage;
    return [
      {
        row: `${purpose} ${ask?.id}`,
        delivered: r.delivered,
        inputTokens: promptTokens,
        outputTokens: completionTokens,
        // Only glm-5.1 has a price here, 4 / 16 per 1M.
        costMicros: purpose === "answer" ? promptTokens * 4 + completionTokens * 16 : 0,
      },
    ];
  });
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

/**
 * Settlement runs as a stream ends, titles after it; wait until the ledger holds `rows` rows
 * (a title may take up to its 20 s timeout).
 */
async function ledgerRows(rows: number, where: { purpose?: string } = {}) {
  const until = Date.now() + 40_000;
  while (Date.now() < until && (await db.usage.count({ where })) < rows) await new Promise((r) => setTimeout(r, 50));
  return db.usage.count({ where });
}

describe("POST /api/chat under concurrency", () => {
  it("200 simultaneous streams of one user: every call in the ledger as the simulator billed it, the totals adding up", {
    timeout: 120_000,
  }, async () => {
    const [carol] = users;
    const from = sim.requests.length;
    const asks = Array.from({ length: 200 }, (_, i) => ({
      id: randomUUID(),
      text: `Question number ${i}${"?".repeat(i % 7)}`,
    }));
    const responses = await Promise.all(asks.map((a) => chat(carol, a.text, 1000, { id: a.id })));
    expect(responses.map((r) => r.status)).toEqual(asks.map(() => 200));
    await Promise.all(responses.map((r) => r.text()));
    // 200 answers, and 200 titles for the 200 new conversations: every upstream call is a row.
    expect(await ledgerRows(200, { purpose: "answer" })).toBe(200);
    expect(await ledgerRows(200, { purpose: "title" })).toBe(200);

    const calls = billedCalls(from, asks);
    expect(calls).toHaveLength(400);
    const rows = await db.usage.findMany({ where: { userId: carol.id } });
    const rowOf = new Map(rows.map((r) => [`${r.purpose} ${r.conversationId}`, r]));
    // One row per billed call, and no other.
    expect([...rowOf.keys()].sort()).toEqual(calls.map((c) => c.row).sort());
    for (const { delivered, ...call } of calls) {
      const row = rowOf.get(call.row);
      const got = row && {
        row: call.row,
        inputTokens: row.inputTokens,
        outputTokens: row.outputTokens,
        costMicros: Number(row.costMicros),
      };
      if (delivered) {
        // What the platform reported, exactly.
        expect(got).toEqual(call);
        expect(row?.estimated).toBe(false);
      } else {
        // A title the app stopped waiting for (its timeout, on a loaded machine) is finished and
        // billed all the same: its row, an estimate, must not be less than the bill.
        expect({ row: call.row, estimated: row?.estimated, purpose: row?.purpose }).toEqual({
          row: call.row,
          estimated: true,
          purpose: "title",
        });
        expect(row?.totalTokens).toBeGreaterThanOrEqual(call.inputTokens + call.outputTokens);
        expect(Number(row?.costMicros)).toBeGreaterThanOrEqual(call.costMicros);
      }
    }
    // The running totals add up the rows: no increment lost between concurrent settlements.
    const sums = {
      tokens: rows.reduce((s, r) => s + r.totalTokens, 0),
      micros: rows.reduce((s, r) => s + Number(r.costMicros), 0),
    };
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
    const responses = await Promise.all(asks.map((a) => chat(a.user, a.text, 80, { thinking: false })));
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
