import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import { AppError } from "../errors";

// Budgets that hold and stay usable, through whole chat turns (a real SQLite file, the simulator
// answering as each platform does, the route's code path): a call is capped to what it may
// spend rather than refused, calls in flight share what is left, and however many run at once,
// stopped at random, the month's total never passes the limit.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;
let admin: typeof import("./admin");
let stored: typeof import("../shared/chat/stored-message");

beforeAll(async () => {
  ({ sim, mod, alice, bob } = harness);
  admin = await import("./admin");
  stored = await import("../shared/chat/stored-message");
});

const period = () => new Date().toISOString().slice(0, 7);

beforeEach(async () => {
  await admin.saveSpendSettings({
    currency: "CNY",
    exchangeRates: {},
    timeZone: "UTC",
    teamMonthlyTokens: null,
    teamMonthlyMicros: null,
    userMonthlyTokens: null,
    userMonthlyMicros: null,
    requestsPerMinute: null,
    budgetContact: null,
  });
  await mod.db.userBudget.deleteMany();
  await mod.db.price.deleteMany();
  await mod.db.usage.deleteMany();
  await mod.db.spendTotal.deleteMany();
  await mod.db.reservation.deleteMany();
  await mod.db.rateWindow.deleteMany();
});

async function totals(scope: string) {
  const row = await mod.db.spendTotal.findUnique({ where: { scope_period: { scope, period: period() } } });
  return {
    tokens: Number(row?.tokens ?? 0),
    micros: Number(row?.costMicros ?? 0),
    reservedTokens: Number(row?.reservedTokens ?? 0),
    reservedMicros: Number(row?.reservedMicros ?? 0),
  };
}

const spent = (scope: string, tokens: number) =>
  mod.db.spendTotal.create({ data: { scope, period: period(), tokens: BigInt(tokens) } });

/** The body the simulator received for the request whose last user message contains `marker`. */
function sentWith(marker: string) {
  const request = sim.requests.findLast((r) => JSON.stringify(r.body).includes(marker));
  return request?.body as Record<string, unknown>;
}

/** Runs a turn to its end; a refusal (402/429) is returned, not thrown. */
async function finished(run: Promise<Response>): Promise<{ chunks: ReturnType<typeof uiChunks> } | AppError> {
  try {
    return { chunks: uiChunks(await (await run).text()) };
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe("a budget that is running low", () => {
  it("with a tenth of it left, a user still chats: the answer is capped, says so, and the month stays within it", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 50_000, monthlyMicros: null, requestsPerMinute: null });
    await spent(`user:${bob}`, 45_000);
    const id = randomUUID();
    const result = await finished(turn(bob, "Tell me everything [[sim:long:30000]] #tenth", { id, tools: false }));
    if (result instanceof AppError) throw result;

    // Half of the 5,000 left: the prompt's bound and the output sent, answer and thinking.
    const sent = sentWith("#tenth");
    const output = Number(sent.max_tokens) + Number(sent.thinking_budget);
    expect(Number(sent.max_tokens)).toBeGreaterThanOrEqual(1_024 / 2);
    expect(output).toBeGreaterThan(2_000);
    expect(output).toBeLessThan(2_500);
    const finish = result.chunks.find((c) => c.type === "finish")?.messageMetadata;
    expect(finish).toMatchObject({ budgetCap: { outputTokens: output }, finishReason: "length", status: "done" });

    // Saved with the answer: reload shows the cap as streaming did.
    const conversation = await mod.getConversation(bob, id);
    const answer = conversation?.messages.find((m) => m.role === "assistant");
    expect(answer?.usage[0]).toMatchObject({ outputCap: output, estimated: false });
    if (!answer) throw new Error("no answer");
    expect(stored.toChatMessage(answer).metadata).toMatchObject({ budgetCap: { outputTokens: output } });

    const after = await totals(`user:${bob}`);
    expect(after.tokens).toBeGreaterThan(45_000);
    expect(after.tokens).toBeLessThanOrEqual(50_000);
    expect(after.reservedTokens).toBe(0);
  });

  it("answers two messages sent at once with 1,400 of 200,000 tokens used (glm-5.1 refused the second before)", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 200_000, monthlyMicros: null, requestsPerMinute: null });
    await spent(`user:${bob}`, 1_400);
    const results = await Promise.all([finished(turn(bob, "hi #one")), finished(turn(bob, "hi #two"))]);
    for (const result of results) {
      expect(result).not.toBeInstanceOf(AppError);
      if (!(result instanceof AppError)) expect(result.chunks.some((c) => c.type === "error")).toBe(false);
    }
    // The two calls shared what was left: neither took all of it.
    const outputs = ["#one", "#two"].map((m) => Number(sentWith(m).max_tokens) + Number(sentWith(m).thinking_budget));
    expect(outputs[0] + outputs[1]).toBeLessThan(200_000 - 1_400);
    expect(Math.min(...outputs)).toBeGreaterThan(10_000);
  });

  it("refuses, only when less than a useful answer is left, without sending anything", async () => {
    await admin.saveUserLimits(bob, { monthlyTokens: 200_000, monthlyMicros: null, requestsPerMinute: null });
    await spent(`user:${bob}`, 199_000);
    const before = sim.requests.length;
    const error = await finished(turn(bob, "one more"));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(
      /^Your monthly budget has 1,000 tokens left, and this message needs at least/,
    );
    expect(sim.requests.length).toBe(before);
  });
});

describe("many requests at once, stopped at random", () => {
  const platforms = [
    // DashScope caps thinking with thinking_budget, BigModel counts it in max_tokens; Runware
    // cannot cap it: the turn stops the stream at thinking's share.
    { name: "DashScope", path: "/compatible-mode/v1", platform: "" },
    { name: "BigModel", path: "/api/paas/v4", platform: "bigmodel" },
    { name: "Runware", path: "", platform: "runware" },
  ];
  for (const { name, path, platform } of platforms) {
    it(`never push the month's total past the limit (${name})`, { timeout: 60_000 }, async () => {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", path));
      vi.stubEnv("GLM_PLATFORM", platform);
      try {
        const limit = 12_000;
        await admin.saveUserLimits(alice, { monthlyTokens: limit, monthlyMicros: null, requestsPerMinute: null });
        await admin.saveSpendSettings({ teamMonthlyTokens: 18_000 });
        // Waves of calls at once, each wave finding less left than the one before.
        const outcomes: string[] = [];
        for (let wave = 0; wave < 2; wave++) {
          outcomes.push(
            ...(await Promise.all(
              Array.from({ length: 8 }, async (_, i) => {
                const controller = new AbortController();
                if (i % 2 === 1) setTimeout(() => controller.abort(), Math.random() * 500);
                const result = await finished(
                  turn(alice, `Part ${wave}.${i} [[sim:long:2400]] [[sim:think:1600]]`, {
                    tools: false,
                    signal: controller.signal,
                  }),
                );
                return result instanceof AppError ? result.code : controller.signal.aborted ? "stopped" : "answered";
              }),
            )),
          );
          await vi.waitFor(async () => expect(await mod.db.reservation.count()).toBe(0), { timeout: 20_000 });
        }
        // Every turn settles (its reservations given back) before the totals are read.
        await vi.waitFor(async () => expect(await mod.db.reservation.count()).toBe(0), { timeout: 20_000 });
        const user = await totals(`user:${alice}`);
        expect(outcomes).toContain("answered");
        expect(user.tokens).toBeGreaterThan(0);
        expect(user.tokens).toBeLessThanOrEqual(limit);
        expect((await totals("team")).tokens).toBeLessThanOrEqual(18_000);
        // The ledger adds up to the running total.
        const rows = await mod.db.usage.findMany({ where: { userId: alice } });
        expect(rows.reduce((n, r) => n + r.totalTokens, 0)).toBe(user.tokens);
        // Some calls were capped below what they asked for, and recorded so.
        expect(rows.some((r) => r.outputCap !== null)).toBe(true);
        expect(rows.every((r) => r.outputCap === null || r.outputTokens <= r.outputCap)).toBe(true);
      } finally {
        vi.stubEnv("GLM_BASE_URL", sim.baseURL);
        vi.stubEnv("GLM_PLATFORM", "");
      }
    });
  }
});

describe("money budgets", () => {
  it("refuse a model without a price, naming it and the platform", async () => {
    await admin.saveSpendSettings({ userMonthlyMicros: 5_000_000 });
    const before = sim.requests.length;
    const error = await finished(turn(bob, "free, surely?"));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(
      /^GLM-5\.1 on DashScope has no price, and your monthly budget is counted in CNY/,
    );
    expect(sim.requests.length).toBe(before);
  });

  it("hold Runware to the admin's price (its own cost is recorded), and cap its output to what is left", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", ""));
    vi.stubEnv("GLM_PLATFORM", "runware");
    try {
      await admin.saveSpendSettings({ userMonthlyMicros: 1_000_000, exchangeRates: { USD: 7.2 } });
      expect(await finished(turn(bob, "priced? #unpriced"))).toBeInstanceOf(AppError);
      // 10 CNY per 1M tokens in and out: more than Runware's 1.0 / 3.2 USD at 7.2.
      await admin.savePrice({ platform: "runware", model: "glm-5.1", input: 10, output: 40, cachedInput: null }, alice);
      const result = await finished(turn(bob, "Go on [[sim:long:30000]] #runware"));
      if (result instanceof AppError) throw result;
      const sent = (sentWith("#runware") as unknown as { settings: { maxTokens: number } }[])[0];
      // Half of 1 CNY at 40 a token is under 12,500 tokens, thinking's share included.
      expect(sent.settings.maxTokens).toBeLessThan(12_500);
      const row = await mod.db.usage.findFirst({ where: { userId: bob, platform: "runware" } });
      expect(row).toMatchObject({ costSource: "platform" });
      expect(Number(row?.costMicros)).toBeLessThanOrEqual(1_000_000);
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });
});

describe("an answer with several versions, stopped before the usage arrived", () => {
  it("is billed for every version's text, not the first one's", async () => {
    const { countTokens, loadTokenizer } = await import("./tokens");
    await loadTokenizer();
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const id = randomUUID();
      const controller = new AbortController();
      const res = await turn(alice, "Four ways [[sim:hold-usage]]", {
        id,
        model: "glm-4.5-air",
        candidates: 4,
        signal: controller.signal,
      });
      const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
      let received = "";
      while (!received.includes("Done")) {
        const { value, done } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
      // The other versions follow the first at once; then the platform holds the usage back.
      await new Promise((r) => setTimeout(r, 300));
      controller.abort();
      await reader.cancel();

      await vi.waitFor(
        async () =>
          expect((await mod.getConversation(alice, id))?.messages.filter((m) => m.role === "assistant")).toHaveLength(
            4,
          ),
        { timeout: 5_000 },
      );
      const answers = (await mod.getConversation(alice, id))?.messages.filter((m) => m.role === "assistant") ?? [];
      const rows = answers.flatMap((a) => a.usage);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.estimated)).toBe(true);
      const textOf = (parts: unknown, type: string) =>
        ((parts ?? []) as { type: string; text: string }[])
          .filter((p) => p.type === type)
          .map((p) => p.text)
          .join("");
      const written = answers.reduce(
        (n, a) => n + countTokens(textOf(a.parts, "reasoning")) + countTokens(textOf(a.parts, "text")),
        0,
      );
      expect(rows.reduce((n, r) => n + r.outputTokens, 0)).toBe(written);
      expect(rows.every((r) => r.outputTokens > 0)).toBe(true);
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });
});
