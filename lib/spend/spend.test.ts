import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import { planResponse } from "../../scripts/simulator/scenario";
import { AppError } from "../errors";

// The ledger, prices and budgets through whole chat turns: a real SQLite file, the simulator,
// and the same code path the route runs.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;
let admin: typeof import("./admin");

beforeAll(async () => {
  ({ sim, mod, alice, bob } = harness);
  admin = await import("./admin");
});

/** What the simulator reports for a first message (thinking on, as the harness sends). */
const usageOf = (text: string) =>
  planResponse({ model: "glm-5.1", messages: [{ role: "user", content: text }], thinking: true }).usage;

async function totals(scope: string) {
  const rows = await mod.db.spendTotal.findMany({ where: { scope } });
  return {
    tokens: rows.reduce((s, r) => s + Number(r.tokens), 0),
    micros: rows.reduce((s, r) => s + Number(r.costMicros), 0),
    reservedTokens: rows.reduce((s, r) => s + Number(r.reservedTokens), 0),
    reservedMicros: rows.reduce((s, r) => s + Number(r.reservedMicros), 0),
  };
}

async function refusal(run: Promise<Response>): Promise<AppError> {
  try {
    await (await run).text();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the turn was not refused");
}

beforeEach(async () => {
  await admin.saveSpendSettings({
    currency: "CNY",
    exchangeRates: { USD: 7.2 },
    timeZone: "Asia/Shanghai",
    teamMonthlyTokens: null,
    teamMonthlyMicros: null,
    userMonthlyTokens: null,
    userMonthlyMicros: null,
    requestsPerMinute: null,
    budgetContact: null,
  });
  await mod.db.userBudget.deleteMany();
  await mod.db.priceMultiplier.deleteMany();
  await mod.db.price.deleteMany();
  await mod.db.usage.deleteMany();
  await mod.db.spendTotal.deleteMany();
  await mod.db.reservation.deleteMany();
  await mod.db.rateWindow.deleteMany();
});

describe("the ledger", () => {
  it("charges an answer at the price in force, adds it to the user's and the team's totals, and shows it", async () => {
    await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 4, output: 16, cachedInput: null }, alice);
    const text = "What does a prism do?";
    const chunks = uiChunks(await (await turn(alice, text)).text());
    const usage = usageOf(text);
    const cost = usage.promptTokens * 4 + usage.completionTokens * 16;

    const [row] = await mod.db.usage.findMany({ where: { userId: alice } });
    expect(row).toMatchObject({
      purpose: "answer",
      inputTokens: usage.promptTokens,
      outputTokens: usage.completionTokens,
      costMicros: BigInt(cost),
      currency: "CNY",
      costSource: "price",
      multiplier: 1,
    });
    expect(row.priceId).not.toBeNull();
    expect(await totals(`user:${alice}`)).toEqual({
      tokens: usage.promptTokens + usage.completionTokens,
      micros: cost,
      reservedTokens: 0,
      reservedMicros: 0,
    });
    expect(await totals("team")).toMatchObject({ tokens: usage.promptTokens + usage.completionTokens, micros: cost });
    // The answer's footer shows the cost as it streams in.
    expect(chunks.find((c) => c.type === "finish")?.messageMetadata?.cost).toEqual({ micros: cost, currency: "CNY" });
  });

  it("keeps the price an entry was charged at when the price changes", async () => {
    await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 1, output: 1, cachedInput: null }, alice);
    await (await turn(alice, "first")).text();
    await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 10, output: 10, cachedInput: null }, alice);
    await (await turn(alice, "second")).text();
    const rows = await mod.db.usage.findMany({
      where: { userId: alice },
      orderBy: { createdAt: "asc" },
      include: { price: true },
    });
    expect(rows.map((r) => r.price?.input)).toEqual([1, 10]);
    expect(rows.map((r) => Number(r.costMicros))).toEqual([
      usageOf("first").promptTokens + usageOf("first").completionTokens,
      (usageOf("second").promptTokens + usageOf("second").completionTokens) * 10,
    ]);
  });

  it("applies the platform's multiplier by the time of the call", async () => {
    await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 1, output: 1, cachedInput: null }, alice);
    // A window covering every minute of the day: whatever the time of the test, 3x.
    await admin.saveMultiplierRule({
      platform: "dashscope",
      base: 2,
      utcOffsetMinutes: 480,
      windows: [{ from: "00:00", to: "23:59", multiplier: 3 }],
    });
    await (await turn(alice, "peak")).text();
    const [row] = await mod.db.usage.findMany({ where: { userId: alice } });
    const minuteOfDay = (row.createdAt.getUTCHours() * 60 + row.createdAt.getUTCMinutes() + 480) % 1440;
    const expected = minuteOfDay === 1439 ? 2 : 3;
    expect(row.multiplier).toBe(expected);
    expect(Number(row.costMicros)).toBe((usageOf("peak").promptTokens + usageOf("peak").completionTokens) * expected);
  });

  it("records the cost Runware reports itself, converted to the team's currency", async () => {
    vi.stubEnv("RUNWARE_API_KEY", sim.apiKey);
    vi.stubEnv("RUNWARE_BASE_URL", new URL(sim.baseURL).origin);
    // A price exists too: the platform's own figure wins over it.
    await admin.savePrice({ platform: "runware", model: "glm-5.1", input: 100, output: 100, cachedInput: null }, alice);
    await (await turn(alice, "What does Runware charge?", { connection: "env:runware" })).text();
    const [row] = await mod.db.usage.findMany({ where: { userId: alice } });
    // The simulator charges 1.0 / 3.2 USD per 1M tokens; the team counts in CNY at 7.2.
    const usd = (row.inputTokens * 1.0 + row.outputTokens * 3.2) / 1_000_000;
    expect(row).toMatchObject({ platform: "runware", costSource: "platform", currency: "CNY", priceId: null });
    expect(Number(row.costMicros)).toBe(Math.round(usd * 7.2 * 1_000_000));
    // Blank again: the connection is gone for the other tests.
    vi.stubEnv("RUNWARE_API_KEY", "");
  });

  it("records an unpriced call with its tokens and no cost", async () => {
    await (await turn(alice, "free")).text();
    const [row] = await mod.db.usage.findMany({ where: { userId: alice } });
    expect(row).toMatchObject({ costMicros: null, currency: null, costSource: null });
    expect((await totals(`user:${alice}`)).tokens).toBe(
      usageOf("free").promptTokens + usageOf("free").completionTokens,
    );
  });
});

describe("budgets and limits", () => {
  it("refuses a request when less than its prompt and a useful answer is left: nothing goes upstream, nothing is saved", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 1000, monthlyMicros: null, requestsPerMinute: null });
    const before = sim.requests.length;
    const error = await refusal(turn(bob, "A long essay, please", { parameters: { maxOutputTokens: 5000 } }));
    expect(error).toMatchObject({ code: "budget_exceeded", status: 402 });
    // The conversation as sent (tool definitions included) and 1,024 tokens of answer do not fit.
    expect(error.message).toMatch(
      /^Your monthly budget has 1,000 tokens left, and this message needs at least [\d,]+ tokens/,
    );
    expect(error.message).not.toContain("Max output tokens");
    expect(error.message).toContain("Your message was not sent.");
    expect(sim.requests.length).toBe(before);
    expect(await mod.db.message.count({ where: { conversation: { userId: bob } } })).toBe(0);
    expect(await totals(`user:${bob}`)).toMatchObject({ tokens: 0, reservedTokens: 0 });
  });

  it("lets a request through as asked when it fits, then settles the reservation to what it cost", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 20_000, monthlyMicros: null, requestsPerMinute: null });
    const chunks = uiChunks(
      await (await turn(bob, "Short, please", { thinking: false, parameters: { maxOutputTokens: 500 } })).text(),
    );
    // Not capped: the limit asked for is sent.
    expect(sim.requests.at(-1)?.body).toMatchObject({ max_tokens: 500, enable_thinking: false });
    expect(chunks.find((c) => c.type === "finish")?.messageMetadata).not.toHaveProperty("budgetCap");
    const usage = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Short, please" }],
      thinking: false,
    }).usage;
    expect(await totals(`user:${bob}`)).toEqual({
      tokens: usage.promptTokens + usage.completionTokens,
      micros: 0,
      reservedTokens: 0,
      reservedMicros: 0,
    });
    expect(await mod.db.reservation.count()).toBe(0);
  });

  it("stops a tool loop before a further call that the budget cannot cover, and says why", async () => {
    const { messagesBound, toolsBound } = await import("./prompt-bound");
    const { builtinTools } = await import("../tools");
    const { AllowedUrls } = await import("../tools/allowed-urls");
    const text = "What time is it in Tokyo? [[sim:tool:current_time]]";
    // The first call's bound as the turn reckons it: its prompt and the 200 tokens asked for fit,
    // with 50 to spare; the second re-sends the conversation, the tool call and its result: the
    // first call still holds its part, and 50 tokens cannot hold the second.
    const prompt =
      messagesBound("", [{ parts: [{ type: "text", text }] }]) + (await toolsBound(builtinTools(new AllowedUrls([]))));
    await admin.saveUserLimits(bob, { monthlyTokens: prompt + 200 + 50, monthlyMicros: null, requestsPerMinute: null });
    const id = randomUUID();
    const chunks = uiChunks(
      await (await turn(bob, text, { id, thinking: false, parameters: { maxOutputTokens: 200 } })).text(),
    );
    expect(chunks.find((c) => c.type === "error")?.errorText).toMatch(
      /^Your monthly budget has [\d,]+ tokens left \(answers still in progress hold [\d,]+ tokens more\), and this message needs at least [\d,]+ tokens.*The answer stops here\.$/,
    );
    const answer = (await mod.getConversation(bob, id))?.messages[1];
    expect(answer?.status).toBe("error");
    // The tool ran; the second call was never sent, and only the first one is in the ledger.
    const parts = (answer?.parts ?? []) as { type: string }[];
    expect(parts.some((p) => p.type === "tool-current_time")).toBe(true);
    expect(answer?.usage).toHaveLength(1);
    expect(await totals(`user:${bob}`)).toMatchObject({ reservedTokens: 0 });
    expect(await mod.db.reservation.count()).toBe(0);
  });

  it("a budget of zero stops all spending", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 0, monthlyMicros: null, requestsPerMinute: null });
    const error = await refusal(turn(bob, "anything", { parameters: { maxOutputTokens: 1 } }));
    expect(error.message).toContain("Your monthly budget is used up: 0 of 0 tokens spent");
  });

  it("says when a used-up budget starts again and whom to ask", async () => {
    await admin.saveSpendSettings({
      currency: "CNY",
      exchangeRates: {},
      timeZone: "Asia/Shanghai",
      teamMonthlyTokens: null,
      teamMonthlyMicros: 1_000_000, // 1 CNY
      userMonthlyTokens: null,
      userMonthlyMicros: null,
      requestsPerMinute: null,
      budgetContact: "#ai-budget",
    });
    await admin.savePrice({ platform: "dashscope", model: "glm-5.1", input: 1, output: 1, cachedInput: null }, alice);
    await mod.db.spendTotal.create({ data: { scope: "team", period: periodNow(), costMicros: 1_500_000n } });
    const error = await refusal(turn(alice, "hello", { parameters: { maxOutputTokens: 10 } }));
    expect(error.code).toBe("budget_exceeded");
    expect(error.message).toMatch(
      /The team’s monthly budget is used up: 1.5 of 1 CNY spent\. It starts again on \d{4}-\d{2}-01 \(Asia\/Shanghai\)\. To raise it, ask #ai-budget\./,
    );
  });

  it("limits how many requests a user starts per minute, and says when to try again", { timeout: 40_000 }, async () => {
    // The limit counts per clock minute: start early in one, so that all three requests fall in it.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 100));
    await admin.saveUserLimits(bob, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: 2 });
    await (await turn(bob, "one")).text();
    await (await turn(bob, "two")).text();
    const before = sim.requests.length;
    const error = await refusal(turn(bob, "three"));
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(error.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(sim.requests.length).toBe(before);
    // Alice has no limit of her own and the team has none.
    await (await turn(alice, "unlimited")).text();
  });
});

/** The current month in the test's team time zone. */
function periodNow(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(new Date())
    .slice(0, 7);
}
