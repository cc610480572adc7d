import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedLongHistory } from "@/test/long-history";
import { lastSent, setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import type { ChatMessage } from "../../shared/chat/message";

// A long conversation's summary (./summary.ts): written by the team's cheap model after an answer
// that left messages out, billed as its own ledger row, sent with the next turns' system prompt,
// reused while it covers only messages left out, brought up to date as more is left out. The
// simulator answers a summary request with the first words of each message it was given.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let summary: typeof import("./summary");
beforeAll(async () => {
  ({ sim, mod, alice } = harness);
  summary = await import("./summary");
});

const seed = (conversationId: string, pairs: number) =>
  seedLongHistory(process.env.DATABASE_URL as string, { conversationId, pairs, tokens: 40_000 });

const storedSummary = async (id: string) =>
  summary.parseSummary((await mod.db.conversation.findUnique({ where: { id } }))?.summary ?? null);

const summaryRows = (conversationId: string) =>
  mod.db.usage.findMany({ where: { conversationId, purpose: "summary" }, orderBy: { createdAt: "asc" } });

/** A summary request the simulator received since `from` (its system prompt asks for one). */
const summaryRequests = (from: number) =>
  sim.requests
    .slice(from)
    .map((r) => r.body as { model: string; messages: { role: string; content?: string }[] })
    .filter((b) => b.messages.some((m) => m.role === "system" && /running summary/.test(m.content ?? "")));

/** The context figures the answer's first chunk carried. */
const contextOf = (sse: string) =>
  uiChunks(sse).find((c) => c.type === "start")?.messageMetadata?.context as ChatMessage["metadata"] extends infer M
    ? M extends { context?: infer C }
      ? C
      : never
    : never;

/** The main call's system prompt (the last request that was not a summary's). */
const systemSent = () => lastSent().messages.find((m) => m.role === "system")?.content;

describe("a long conversation's summary", () => {
  const id = randomUUID();
  let ids: string[];

  it("is written by the cheap model after the first answer that leaves messages out, billed as its own row", async () => {
    await (await turn(alice, "Hello", { id, thinking: false })).text();
    ids = await seed(id, 3);
    const from = sim.requests.length;
    const context = contextOf(await (await turn(alice, "And now?", { id, thinking: false })).text());
    // Hello, its answer, the first long question and answer are left out; no summary existed yet,
    // and none is waited for: this answer goes with plain omission.
    expect(context).toMatchObject({ omitted: 4, firstId: ids[2] });
    expect(context?.summarized).toBeUndefined();

    await expect.poll(() => storedSummary(id), { timeout: 5000 }).not.toBeNull();
    const written = await storedSummary(id);
    expect(written).toMatchObject({
      text: "Summary: Hello; Here is my; Long question 1; Long answer 1",
      upToId: ids[1],
    });
    expect(written?.tokens).toBeGreaterThan(0);

    // The title's model: the cheapest the connection serves (DashScope: glm-4.6), not glm-5.1.
    const [request] = summaryRequests(from);
    expect(request.model).toBe("glm-4.6");
    const rows = await summaryRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requestedModel: "glm-4.6", userId: alice, messageId: null });
    expect(rows[0].inputTokens).toBeGreaterThan(0);
  });

  it("is sent with the next call's system prompt, counted in its tokens, and reused while it covers what is left out", async () => {
    const from = sim.requests.length;
    const context = contextOf(await (await turn(alice, "Again?", { id, thinking: false })).text());
    expect(context).toMatchObject({ omitted: 4, summarized: true });
    expect(context?.summaryTokens).toBe((await storedSummary(id))?.tokens);
    expect(systemSent()).toMatch(
      /not included below.*\n\nSummary: Hello; Here is my; Long question 1; Long answer 1$/s,
    );

    const saved = await mod.getConversation(alice, id);
    expect(saved?.messages.at(-1)?.context).toMatchObject({ summarized: true });
    // It covers everything left out: no new summary call.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(summaryRequests(from)).toHaveLength(0);
    expect(await summaryRows(id)).toHaveLength(1);
  });

  it("is refreshed from itself and the messages left out since, when more is left out", async () => {
    await seed(id, 1);
    const from = sim.requests.length;
    const context = contextOf(await (await turn(alice, "More?", { id, thinking: false })).text());
    // The second long question and answer are now left out too: the summary, a turn behind, is
    // still sent (it covers only messages left out), and brought up to date after the answer.
    expect(context).toMatchObject({ omitted: 6, firstId: ids[4], summarized: true });
    await expect.poll(async () => (await storedSummary(id))?.upToId, { timeout: 5000 }).toBe(ids[3]);
    expect((await storedSummary(id))?.text).toBe(
      "Summary: Hello; Here is my; Long question 1; Long answer 1; Long question 2; Long answer 2",
    );
    const [request] = summaryRequests(from);
    const prompt = request.messages.find((m) => m.role === "user")?.content ?? "";
    expect(prompt).toMatch(/^Summary so far:\nSummary: Hello;/);
    // Only the messages left out since are sent again, each cut to its beginning.
    expect(prompt).not.toMatch(/Long question 1:/);
    expect(prompt).toMatch(/User: Long question 2: w w/);
    expect(prompt.length).toBeLessThan(12_000);
    expect(await summaryRows(id)).toHaveLength(2);
  });

  it("is neither sent nor made when the conversation's switch is off", async () => {
    const from = sim.requests.length;
    await seed(id, 1);
    const context = contextOf(await (await turn(alice, "Off?", { id, thinking: false, summarize: false })).text());
    expect(context?.omitted).toBeGreaterThan(6);
    expect(context?.summarized).toBeUndefined();
    expect(systemSent()).toBeUndefined();
    const stored = await mod.db.conversation.findUnique({ where: { id } });
    expect(stored?.settings).toMatchObject({ summarize: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(summaryRequests(from)).toHaveLength(0);
    expect(await summaryRows(id)).toHaveLength(2);
  });

  it("is not written over one written since the turn read it, and its call is billed all the same", async () => {
    const { getConnection, modelsOf } = await import("../../providers/connections");
    const connection = await getConnection("env:default");
    if (!connection) throw new Error("no env:default connection");
    const current = (await mod.db.conversation.findUnique({ where: { id } }))?.summary;
    const messages = ["one", "two", "three"].map((text, i) => ({
      id: `m${i}`,
      role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
      parts: [{ type: "text" as const, text }],
    }));
    const written = await summary.refreshSummary({
      connection,
      served: await modelsOf(connection),
      model: "glm-5.1",
      userId: alice,
      conversationId: id,
      previous: null,
      stored: null,
      messages,
      omitted: 2,
    });
    expect(written).toMatchObject({ text: "Summary: one; two", upToId: "m1" });
    expect((await mod.db.conversation.findUnique({ where: { id } }))?.summary).toEqual(current);
    expect(await summaryRows(id)).toHaveLength(3);
  });

  it("is not made when nothing is left out", async () => {
    const short = randomUUID();
    const from = sim.requests.length;
    await (await turn(alice, "Hi", { id: short, thinking: false })).text();
    const context = contextOf(await (await turn(alice, "And?", { id: short, thinking: false })).text());
    expect(context).toMatchObject({ omitted: 0 });
    expect(context?.summarized).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(summaryRequests(from)).toHaveLength(0);
    expect(await summaryRows(short)).toHaveLength(0);
  });

  it("is not made when the budgets have no room for it (the turns go on with plain omission)", async () => {
    const { saveSpendSettings } = await import("../../spend/admin");
    const connections = await import("../../providers/connections");
    const connection = await connections.getConnection("env:default");
    if (!connection) throw new Error("no env:default connection");
    const used = await mod.db.usage.aggregate({ where: { userId: alice }, _sum: { totalTokens: true } });
    // Room for less than a summary's prompt and output.
    await saveSpendSettings({ userMonthlyTokens: (used._sum.totalTokens ?? 0) + 500 });
    try {
      const other = randomUUID();
      const from = sim.requests.length;
      const messages = ["one", "two", "three", "four"].map((text, i) => ({
        id: `m${i}`,
        role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
        parts: [{ type: "text" as const, text: `${text} ${"w ".repeat(400)}` }],
      }));
      const written = await summary.refreshSummary({
        connection,
        served: await connections.modelsOf(connection),
        model: "glm-5.1",
        userId: alice,
        conversationId: other,
        previous: null,
        messages,
        omitted: 2,
      });
      expect(written).toBeNull();
      expect(summaryRequests(from)).toHaveLength(0);
      expect(await summaryRows(other)).toHaveLength(0);
    } finally {
      await saveSpendSettings({ userMonthlyTokens: null });
    }
  });
});

describe("summaryInput", () => {
  const message = (i: number, text: string): ChatMessage => ({
    id: `m${i}`,
    role: i % 2 === 0 ? "user" : "assistant",
    parts: [{ type: "text", text }],
  });

  it("takes the messages from the summary's end up to those left out, within the limit, at least one", () => {
    const messages = [message(0, "a"), message(1, "b"), message(2, "c"), message(3, "d")];
    expect(summary.summaryInput(messages, 1, 3, 1000)).toEqual({ text: "Assistant: b\n\nUser: c", upTo: 2 });
    expect(summary.summaryInput(messages, 1, 3, 3)).toEqual({ text: "Assistant: b", upTo: 1 });
    expect(summary.summaryInput(messages, 3, 3, 1000)).toBeNull();
    const long = summary.summaryInput([message(0, "x".repeat(10_000))], 0, 1, 1);
    expect(long?.text.length).toBeLessThan(4_100);
    expect(long?.text).toMatch(/ \[…\]$/);
  });

  it("is brought up to date once enough is left out past it, not at every turn", () => {
    const messages = [message(0, "a"), message(1, "b"), message(2, "c"), message(3, "d")];
    const stored = { text: "s", upToId: "m0", tokens: 1 };
    const small = messages.map(() => ({ full: 100 }));
    const large = messages.map(() => ({ full: summary.REFRESH_AFTER_TOKENS }));
    // None yet, or on another branch: made.
    expect(summary.summaryDue(null, messages, small, 2)).toBe(true);
    expect(summary.summaryDue({ ...stored, upToId: "elsewhere" }, messages, small, 2)).toBe(true);
    // A few hundred tokens behind: not yet; a full refresh's worth behind: now.
    expect(summary.summaryDue(stored, messages, small, 3)).toBe(false);
    expect(summary.summaryDue(stored, messages, large, 2)).toBe(true);
    // Covers all that is left out: nothing to do.
    expect(summary.summaryDue(stored, messages, large, 1)).toBe(false);
  });

  it("uses a summary only while it covers messages left out, on this branch", () => {
    const messages = [message(0, "a"), message(1, "b"), message(2, "c"), message(3, "d")];
    const stored = { text: "s", upToId: "m1", tokens: 1 };
    expect(summary.summaryUsable(stored, messages, 2)).toBe(true);
    expect(summary.summaryUsable(stored, messages, 3)).toBe(true);
    expect(summary.summaryUsable(stored, messages, 1)).toBe(false);
    expect(summary.summaryUsable({ ...stored, upToId: "elsewhere" }, messages, 4)).toBe(false);
    expect(summary.summaryUsable(null, messages, 4)).toBe(false);
  });
});
