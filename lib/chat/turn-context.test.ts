import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLongHistory } from "@/test/long-history";
import { lastSent, sessionFor, setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";

// A conversation longer than the model's context window still gets answers: what is sent is fitted
// to the window (lib/chat/context), the answer records what it sent, and a message that cannot
// fit at all is refused before anything is held or sent.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
beforeAll(() => {
  ({ sim, mod, alice } = harness);
});

/** glm-5.1 on DashScope: 200K window; the output may take half of it (lib/chat/context/fit: outputRoom). */
const WINDOW = 200_000;

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
    // Three questions and answers of 40K tokens each: 240K, past the window (and past the half
    // of it left beside the output).
    const ids = await seedLongHistory(process.env.DATABASE_URL as string, {
      conversationId: id,
      pairs: 3,
      tokens: 40_000,
    });
    const before = sim.requests.length;
    const chunks = uiChunks(await (await turn(alice, "And now?", { id, thinking: false })).text());
    expect(sim.requests.length).toBe(before + 1);
    expect(chunks.find((c) => c.type === "error")).toBeUndefined();

    const sent = lastSent().messages;
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent[0].content).toMatch(/^Long question 3: w w/);
    expect(sent.at(-1)?.content).toBe("And now?");

    const start = chunks.find((c) => c.type === "start");
    const context = start?.messageMetadata?.context as {
      omitted: number;
      firstId: string;
      tokens: number;
      window: number;
    };
    expect(context).toMatchObject({ omitted: 6, firstId: ids[4], window: WINDOW });
    expect(context.tokens).toBeGreaterThan(80_000);
    expect(context.tokens).toBeLessThanOrEqual(WINDOW / 2);

    const saved = await mod.getConversation(alice, id);
    const answer = saved?.messages.at(-1);
    expect(answer?.role).toBe("assistant");
    expect(answer?.status).toBe("done");
    expect(answer?.context).toEqual(context);
  });

  it("holds a budget's reservation for what is sent, not the whole branch", async () => {
    const { saveSpendSettings } = await import("../spend/admin");
    const id = randomUUID();
    await (await turn(alice, "Hi", { id, thinking: false })).text();
    await seedLongHistory(process.env.DATABASE_URL as string, { conversationId: id, pairs: 3, tokens: 40_000 });
    await saveSpendSettings({ userMonthlyTokens: 100_000_000 });
    try {
      const prepared = await prepareNext(id);
      // Two messages of ~80 KB each are sent (the bound counts bytes), not six.
      expect(prepared.messages).toHaveLength(3);
      expect(prepared.promptBound).toBeGreaterThan(160_000);
      expect(prepared.promptBound).toBeLessThan(200_000);
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

  it("refuses a message too long for the window before anything is held, written or sent", async () => {
    const id = randomUUID();
    const before = sim.requests.length;
    // A CJK character is a token: 99,000 of them pass the half of the window left beside the output.
    await expect(turn(alice, "中".repeat(99_000), { id })).rejects.toMatchObject({
      code: "context_too_long",
      status: 413,
      message: expect.stringMatching(/^Your message is too long for GLM-5\.1 on .*200,000 tokens/),
    });
    expect(sim.requests.length).toBe(before);
    expect(await mod.db.conversation.findUnique({ where: { id } })).toBeNull();
    expect(await mod.db.reservation.count()).toBe(0);
  });

  it("says the conversation is too long when the platform refuses it anyway", async () => {
    const id = randomUUID();
    const chunks = uiChunks(await (await turn(alice, "Long [[sim:error:400]]", { id, thinking: false })).text());
    const error = chunks.find((c) => c.type === "error");
    expect(error?.errorText).toMatch(/too long for the model/);
    const saved = await mod.getConversation(alice, id);
    expect(saved?.messages.at(-1)?.error).toMatchObject({ code: "upstream_prompt_too_long" });
  });
});
