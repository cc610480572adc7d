import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLongHistory } from "@/test/long-history";
import { lastSent, sessionFor, setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import type { ChatPart } from "../shared/chat/message";

// A conversation longer than the model's context window still gets answers: what is sent is fitted
// to the window (lib/chat/context), the conversation coming before a large output limit, and the
// answer records what it sent.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
beforeAll(() => {
  ({ sim, mod, alice } = harness);
});

/**
 * glm-5.1 on DashScope: 200K window; the output asks for half of it (lib/chat/context/fit:
 * outputRoom), and the conversation may take that down to an eighth (leastOutputRoom).
 */
const WINDOW = 200_000;
const LEAST_OUTPUT = WINDOW / 8;

/** Prepares (and releases) the next turn of the conversation, as the chat's route would: what it would send. */
async function prepareNext(id: string) {
  const { prepareTurn, releasePrepared } = await import("./turn-prepare");
  const head = (await mod.db.conversation.findUnique({ where: { id } }))?.headId ?? null;
  const prepared = await prepareTurn(
    { userId: alice, signedInAt: Date.now(), sessionId: await sessionFor(alice) },
    {
      id,
      trigger: "submit-message",
      parentId: head,
      message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "Next" }] },
      connection: "env:default",
      model: "glm-5.1",
      thinking: false,
      webSearch: false,
      tools: true,
      systemPrompt: "",
      parameters: {},
      candidates: 1,
      codeInterpreter: false,
    },
  );
  await releasePrepared(prepared);
  return prepared;
}

describe("a conversation past the model's window", () => {
  it("sends the latest turns that fit, and the answer records what it sent", async () => {
    const id = randomUUID();
    await (await turn(alice, "Hello", { id, thinking: false })).text();
    // Three questions and answers of 40K tokens each: 240K, past the window.
    const ids = await seedLongHistory(process.env.DATABASE_URL as string, {
      conversationId: id,
      pairs: 3,
      tokens: 40_000,
    });
    const before = sim.requests.length;
    // Plain omission: no summary of what is left out is made after it (lib/chat/context/summary.test.ts).
    const chunks = uiChunks(await (await turn(alice, "And now?", { id, thinking: false, summarize: false })).text());
    expect(sim.requests.length).toBe(before + 1);
    expect(chunks.find((c) => c.type === "error")).toBeUndefined();

    const sent = lastSent().messages;
    // Four of the six 40K messages fit beside the least output room (25K).
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(sent[0].content).toMatch(/^Long question 2: w w/);
    expect(sent.at(-1)?.content).toBe("And now?");

    const start = chunks.find((c) => c.type === "start");
    const context = start?.messageMetadata?.context as {
      omitted: number;
      firstId: string;
      tokens: number;
      window: number;
    };
    expect(context).toMatchObject({ omitted: 4, firstId: ids[2], window: WINDOW });
    expect(context.tokens).toBeGreaterThan(160_000);
    expect(context.tokens).toBeLessThanOrEqual(WINDOW - LEAST_OUTPUT);
    // The answer may produce what the window leaves, not the 100K it would otherwise be given.
    const maxTokens = (lastSent() as { max_tokens?: number }).max_tokens ?? 0;
    expect(maxTokens).toBeGreaterThanOrEqual(LEAST_OUTPUT);
    expect(maxTokens).toBeLessThanOrEqual(WINDOW - context.tokens);

    const saved = await mod.getConversation(alice, id);
    const answer = saved?.messages.at(-1);
    expect(answer?.role).toBe("assistant");
    expect(answer?.status).toBe("done");
    expect(answer?.context).toEqual(context);
  });

  it("holds a budget's reservation for what is sent, never more than the model takes in", async () => {
    const { saveSpendSettings } = await import("../spend/admin");
    const id = randomUUID();
    await (await turn(alice, "Hi", { id, thinking: false })).text();
    await seedLongHistory(process.env.DATABASE_URL as string, { conversationId: id, pairs: 3, tokens: 40_000 });
    await saveSpendSettings({ userMonthlyTokens: 100_000_000 });
    try {
      const prepared = await prepareNext(id);
      // Four messages of ~80 KB each are sent, not six; the bound counts their bytes, and never
      // more than the model takes in.
      expect(prepared.messages).toHaveLength(5);
      expect(prepared.promptBound).toBe(WINDOW);
    } finally {
      await saveSpendSettings({ userMonthlyTokens: null });
    }
  });

  it("leaves out a fallback model whose window cannot hold what is sent", async () => {
    // glm-4.6 on DashScope: a 169,984-token window, less than ~90K sent and its output room (85K).
    const fallbacks = process.env.GLM_FALLBACK_MODELS;
    process.env.GLM_FALLBACK_MODELS = "glm-4.6";
    const modelsFor = async (id: string) => (await prepareNext(id)).budget.models;
    try {
      const short = randomUUID();
      await (await turn(alice, "Hi", { id: short, thinking: false })).text();
      expect(await modelsFor(short)).toEqual(["glm-5.1", "glm-4.6"]);
      const long = randomUUID();
      await (await turn(alice, "Hi", { id: long, thinking: false })).text();
      await seedLongHistory(process.env.DATABASE_URL as string, { conversationId: long, pairs: 2, tokens: 45_000 });
      expect(await modelsFor(long)).toEqual(["glm-5.1"]);
    } finally {
      if (fallbacks === undefined) delete process.env.GLM_FALLBACK_MODELS;
      else process.env.GLM_FALLBACK_MODELS = fallbacks;
    }
  });

  it("sends a message as long as a message may be whole, with the answer's limit cut to what is left", async () => {
    const id = randomUUID();
    // A CJK character is a token: 99,000 of them pass the half of the window the output asks for.
    const chunks = uiChunks(await (await turn(alice, "中".repeat(99_000), { id, thinking: false })).text());
    expect(chunks.find((c) => c.type === "error")).toBeUndefined();
    const body = lastSent() as { messages: { content?: string }[]; max_tokens?: number };
    expect(body.messages.at(-1)?.content).toHaveLength(99_000);
    expect(body.max_tokens).toBeGreaterThan(LEAST_OUTPUT);
    expect(body.max_tokens).toBeLessThan(WINDOW - 99_000);
    const saved = await mod.getConversation(alice, id);
    expect(saved?.messages.at(-1)?.status).toBe("done");
  });

  it("says the conversation is too long when the platform refuses it anyway", async () => {
    const id = randomUUID();
    const chunks = uiChunks(await (await turn(alice, "Long [[sim:error:400]]", { id, thinking: false })).text());
    const error = chunks.find((c) => c.type === "error");
    expect(error?.errorText).toMatch(/too long for the model/);
    const saved = await mod.getConversation(alice, id);
    expect(saved?.messages.at(-1)?.error).toMatchObject({ code: "upstream_prompt_too_long" });
  });

  it("stores each message's estimate with it, and fits the same from it as from measuring", async () => {
    const { estimateMessage, measure } = await import("./context/fit");
    const { sql } = await import("../db/client");
    const id = randomUUID();
    await (await turn(alice, "Hello", { id })).text();
    await (await turn(alice, 'And then? [[sim:tool:read_web_page]] "https://example.com"', { id })).text();
    // Written by the app (saveUserTurn, saveAnswers): the estimate of what a turn sends.
    const saved = (await mod.getConversation(alice, id))?.messages ?? [];
    expect(saved).toHaveLength(4);
    // The second answer called a tool: its lean estimate leaves the result out.
    expect((saved[3].parts as { type: string }[]).some((p) => p.type === "tool-read_web_page")).toBe(true);
    expect(saved[3].leanTokens).toBeLessThan(saved[3].tokens ?? 0);
    for (const m of saved) {
      const [measured] = measure([{ id: m.id, role: m.role as "user", parts: m.parts as never }]);
      expect({ tokens: m.tokens, leanTokens: m.leanTokens }).toEqual({
        tokens: measured.full,
        leanTokens: measured.lean,
      });
    }
    // Decisions on tool calls change the parts, and their estimate with them.
    const { claimToolDecisions } = await import("./queries/turn");
    const decided = [...(saved[3].parts as ChatPart[]), { type: "text", text: "More words to count." } as ChatPart];
    expect(await claimToolDecisions(saved[3].id, JSON.stringify(saved[3].parts), decided)).toBe(true);
    const claimed = await mod.db.message.findUnique({ where: { id: saved[3].id } });
    expect(claimed && { tokens: claimed.tokens, leanTokens: claimed.leanTokens }).toEqual(estimateMessage(decided));
    expect(claimed?.tokens).toBeGreaterThan(saved[3].tokens ?? 0);
    // Rows from before the estimates (seeded raw, NULL) are measured when read.
    await seedLongHistory(process.env.DATABASE_URL as string, { conversationId: id, pairs: 3, tokens: 40_000 });
    const measuredFit = await prepareNext(id);
    expect(measuredFit.context.omitted).toBe(6);
    const rows = await sql().execute({
      sql: 'SELECT "id", "parts" FROM "Message" WHERE "conversationId" = ?',
      args: [id],
    });
    for (const row of rows.rows) {
      const estimate = estimateMessage(JSON.parse(String(row.parts)));
      await sql().execute({
        sql: 'UPDATE "Message" SET "tokens" = ?, "leanTokens" = ? WHERE "id" = ?',
        args: [estimate?.tokens ?? null, estimate?.leanTokens ?? null, String(row.id)],
      });
    }
    const storedFit = await prepareNext(id);
    expect(storedFit.context).toEqual(measuredFit.context);
    expect(storedFit.fitting.measured).toEqual(measuredFit.fitting.measured);
    expect(storedFit.messages.map((m) => m.parts)).toEqual(measuredFit.messages.map((m) => m.parts));

    // Messages left out are not even parsed: an answer's unreadable parts do not matter there.
    const leftOut = measuredFit.fitting.all[1];
    expect(leftOut.role).toBe("assistant");
    await sql().execute({ sql: 'UPDATE "Message" SET "parts" = \'not JSON\' WHERE "id" = ?', args: [leftOut.id] });
    expect((await prepareNext(id)).context).toEqual(measuredFit.context);

    // The stored estimate is what counts: one made larger than the window leaves its turn out.
    const sent = storedFit.messages.map((m) => m.id);
    await sql().execute({
      sql: 'UPDATE "Message" SET "tokens" = 1000000, "leanTokens" = 1000000 WHERE "id" = ?',
      args: [sent[0]],
    });
    const inflated = await prepareNext(id);
    // (The new message, last, has a new id each time.)
    expect(inflated.messages.map((m) => m.id).slice(0, -1)).toEqual(sent.slice(2, -1));
  });
});
