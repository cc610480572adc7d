import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { answerText, assistantOf, setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import { planResponse } from "../../scripts/simulator/scenario";

// Answers the server owns (lib/generation) on the embedded live bus: they run to the end
// whoever watches, any viewer follows them from the start, a stop from anywhere ends them, what
// they wrote is checkpointed, and one whose server died is settled as interrupted.

const harness = setUpTurnHarness();
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;
let live: typeof import("../chat/live-answer");
let recovery: typeof import("./recovery");
let admin: typeof import("../spend/admin");
beforeAll(async () => {
  ({ mod, alice, bob } = harness);
  live = await import("../chat/live-answer");
  recovery = await import("./recovery");
  admin = await import("../spend/admin");
});

const decoder = new TextDecoder();

/** Reads a viewer's stream until `enough` says so (or it ends); returns what was read and the reader. */
async function readUntil(stream: ReadableStream<Uint8Array | string>, enough: (text: string) => boolean) {
  const reader = stream.getReader();
  let text = "";
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += typeof value === "string" ? value : decoder.decode(value);
  }
  return { text, reader };
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array | string>, text = "") {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += typeof value === "string" ? value : decoder.decode(value);
  }
}

const textDeltas = (sse: string) =>
  uiChunks(sse)
    .filter((c) => c.type === "text-delta")
    .map((c) => (c as unknown as { delta: string }).delta)
    .join("");

const settled = async (userId: string, id: string) => {
  await vi.waitFor(async () => expect((await assistantOf(userId, id))?.status).not.toBe("streaming"), {
    timeout: 30_000,
    interval: 50,
  });
  return assistantOf(userId, id);
};

describe("an answer the server owns", () => {
  it("is written to the end when the browser that asked leaves after the first words", async () => {
    const id = randomUUID();
    const res = await turn(alice, "Tell me about tides", { id, thinking: false });
    const { reader } = await readUntil(res.body as ReadableStream<Uint8Array>, (t) => t.includes('"text-delta"'));
    await reader.cancel();
    // The row exists, being written, from the start.
    expect(["streaming", "done"]).toContain((await assistantOf(alice, id))?.status);

    const answer = await settled(alice, id);
    const plan = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Tell me about tides" }],
      thinking: false,
    });
    expect(answer?.status).toBe("done");
    expect(answerText(answer?.parts)).toBe(plan.content.join(""));
    expect(answer?.usage[0]).toMatchObject({ estimated: false, outputTokens: plan.usage.completionTokens });
    // Nobody watched it end: the conversation is marked until opened.
    expect((await mod.db.conversation.findUnique({ where: { id } }))?.unseenAt).not.toBeNull();
  });

  it("is followed from its start by a second viewer, live, and both see the same answer", async () => {
    const id = randomUUID();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false });
    const first = await readUntil(res.body as ReadableStream<Uint8Array>, (t) => t.split('"text-delta"').length > 4);

    const follower = await live.followAnswer(alice, id);
    expect(follower).not.toBeNull();
    const second = (follower as ReadableStream<Uint8Array>).getReader();
    // The follower gets what was written before it came, at once: the same first words.
    const { value } = await second.read();
    const start = decoder.decode(value);
    expect(start).toContain('"type":"start"');

    await live.stopAnswer(alice, id);
    const [a, b] = await Promise.all([readAll(first.reader, first.text), readAll(second, start)]);
    // Both streams end, with the same text, and say the answer was stopped.
    expect(textDeltas(a).length).toBeGreaterThan(0);
    expect(textDeltas(b)).toBe(textDeltas(a));
    for (const sse of [a, b]) {
      expect(uiChunks(sse).some((c) => c.type === "abort")).toBe(true);
      // Every viewer is told how it ended and what it cost, as reload will show it.
      expect(uiChunks(sse).find((c) => c.type === "message-metadata")?.messageMetadata).toMatchObject({
        status: "stopped",
        model: "glm-5.1",
        usage: { estimated: true },
      });
    }

    const answer = await settled(alice, id);
    expect(answer?.status).toBe("stopped");
    expect(answerText(answer?.parts)).toBe(textDeltas(a));
    // Billed once, estimated (the platform's usage never came).
    expect(answer?.usage).toHaveLength(1);
    expect(answer?.usage[0]).toMatchObject({ estimated: true });
    expect(answer?.usage[0].outputTokens).toBeGreaterThan(0);
    // Somebody watched it end.
    expect((await mod.db.conversation.findUnique({ where: { id } }))?.unseenAt).toBeNull();
  });

  it("saves what it wrote, and a heartbeat, every few seconds while it is being written", async () => {
    const id = randomUUID();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false });
    void res.body?.cancel();
    await vi.waitFor(
      async () => {
        const answer = await assistantOf(alice, id);
        expect(answer?.status).toBe("streaming");
        expect(answerText(answer?.parts).length).toBeGreaterThan(0);
        expect((answer?.live as { renewedAt?: number } | undefined)?.renewedAt).toBeGreaterThan(Date.now() - 5_000);
      },
      { timeout: 10_000, interval: 200 },
    );
    await live.stopAnswer(alice, id);
    expect((await settled(alice, id))?.status).toBe("stopped");
  });

  it("follows nothing in a conversation with no answer being written, and nothing of another user's", async () => {
    const id = randomUUID();
    await (await turn(alice, "Short", { id, thinking: false })).text();
    expect(await live.followAnswer(alice, id)).toBeNull();
    expect(await live.stopAnswer(alice, id)).toBe(false);
    await expect(live.followAnswer(bob, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(live.stopAnswer(bob, id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets one answer be written at a time per conversation, and a few per user", async () => {
    const id = randomUUID();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false });
    void res.body?.cancel();
    await expect(turn(alice, "And another thing", { id, thinking: false })).rejects.toMatchObject({
      code: "conflict",
    });
    await live.stopAnswer(alice, id);
    await settled(alice, id);

    await admin.saveSpendSettings({ runningPerUser: 2 });
    try {
      const ids = [randomUUID(), randomUUID()];
      for (const other of ids) void (await turn(bob, "A long story [[sim:slow]]", { id: other })).body?.cancel();
      await expect(turn(bob, "One more", { thinking: false })).rejects.toMatchObject({
        code: "rate_limited",
        message: expect.stringContaining("2 answers being written"),
      });
      // Another user is not held back by bob's.
      await (await turn(alice, "Meanwhile", { thinking: false })).text();
      await live.stopAnswer(bob, ids[0]);
      await settled(bob, ids[0]);
      // One ended: bob may start another.
      await (await turn(bob, "Now", { thinking: false })).text();
      await live.stopAnswer(bob, ids[1]);
      await settled(bob, ids[1]);
    } finally {
      await admin.saveSpendSettings({ runningPerUser: 1_000 });
    }
  });

  it("ends as failed, saying so, when it runs past the host's time limit", async () => {
    process.env.GENERATION_TIME_LIMIT_SECONDS = "1";
    try {
      const id = randomUUID();
      const sse = await (await turn(alice, "A long story [[sim:slow]]", { id, thinking: false })).text();
      const error = uiChunks(sse).find((c) => c.type === "error")?.errorText;
      expect(error).toBe("The answer was stopped after 1 minute, the longest this server lets an answer run.");
      const answer = await settled(alice, id);
      expect(answer?.status).toBe("error");
      expect(answerText(answer?.parts).length).toBeGreaterThan(0);
    } finally {
      delete process.env.GENERATION_TIME_LIMIT_SECONDS;
    }
  });
});

describe("an answer whose server died", () => {
  it("is settled as interrupted with its checkpoint, billed by estimate, its reservations released", async () => {
    const id = randomUUID();
    await (await turn(alice, "First question", { id, thinking: false })).text();
    const conversation = await mod.getConversation(alice, id);
    const [question] = conversation?.messages ?? [];
    // What a server that was killed mid-answer leaves: a row being written, its last checkpoint,
    // a reservation, and no lease (nobody renews it).
    const reservationId = randomUUID();
    const period = new Date().toISOString().slice(0, 7);
    await mod.db.reservation.create({
      data: { id: reservationId, userId: alice, period, tokens: 5_000, costMicros: 0n },
    });
    await mod.db.message.create({
      data: {
        id: randomUUID(),
        conversationId: id,
        parentId: question.id,
        role: "assistant",
        status: "streaming",
        parts: [{ type: "text", text: "The tides are caused by", state: "streaming" }],
        live: {
          streamId: randomUUID(),
          reservations: [{ id: reservationId, userId: alice, period }],
          userId: alice,
          platform: "dashscope",
          model: "glm-5.1",
          startedAt: Date.now() - 60_000,
        },
      },
    });
    expect(await recovery.recoverDeadAnswers()).toBeGreaterThanOrEqual(1);

    const answer = (await mod.getConversation(alice, id))?.messages.find((m) => m.status !== "done");
    expect(answer?.status).toBe("interrupted");
    expect(answerText(answer?.parts)).toBe("The tides are caused by");
    expect(answer?.error).toMatchObject({ code: "interrupted" });
    expect(answer?.usage).toHaveLength(1);
    expect(answer?.usage[0]).toMatchObject({ estimated: true });
    expect(answer?.usage[0].outputTokens).toBeGreaterThan(0);
    expect(answer?.usage[0].inputTokens).toBeGreaterThan(0);
    expect(await mod.db.reservation.findUnique({ where: { id: reservationId } })).toBeNull();
    // Settled once: a second sweep (another instance) finds nothing more to do.
    expect(await recovery.recoverDeadAnswers()).toBe(0);
  });

  it("does not touch an answer whose generation is alive", async () => {
    const id = randomUUID();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false });
    void res.body?.cancel();
    // Started long enough ago that only its heartbeat and its stream on the live bus say it is alive.
    const row = await assistantOf(alice, id);
    await mod.db.message.update({
      where: { id: row?.id },
      data: { live: { ...(row?.live as object), startedAt: Date.now() - 60_000, renewedAt: Date.now() } },
    });
    await recovery.recoverDeadAnswers();
    expect((await assistantOf(alice, id))?.status).toBe("streaming");
    await live.stopAnswer(alice, id);
    expect((await settled(alice, id))?.status).toBe("stopped");
  });
});

describe("a generation is dead", () => {
  const answer = (live: { startedAt: number; renewedAt?: number }, streamId = randomUUID()) => ({
    id: "a",
    conversationId: "c",
    live: { streamId, reservations: [], userId: "u", platform: "dashscope", model: "glm-5.1", ...live },
  });

  it("when its heartbeat stopped, or the live bus lost its stream (its process died)", async () => {
    const now = Date.now();
    expect(await recovery.isDead(answer({ startedAt: now - 60_000, renewedAt: now - 20_000 }))).toBe(true);
    expect(await recovery.isDead(answer({ startedAt: now - 10_000, renewedAt: now - 1_000 }))).toBe(true);
    expect(await recovery.isDead({ id: "a", conversationId: "c", live: null })).toBe(true);
  });

  it("not when it was admitted a moment ago (its stream is being registered)", async () => {
    const now = Date.now();
    expect(await recovery.isDead(answer({ startedAt: now - 1_000 }))).toBe(false);
  });
});

describe("viewers of one answer", () => {
  it("are a person's tabs and devices, not thousands", async () => {
    const { MOST_VIEWERS } = await import("./generation");
    const id = randomUUID();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false });
    // The browser that asked is one viewer; the others follow.
    const followers = await Promise.all(Array.from({ length: MOST_VIEWERS - 1 }, () => live.followAnswer(alice, id)));
    expect(followers.every((f) => f !== null)).toBe(true);
    await expect(live.followAnswer(alice, id)).rejects.toMatchObject({ code: "rate_limited" });
    // One leaves: another may come.
    await (followers[0] as ReadableStream<Uint8Array>).cancel();
    await vi.waitFor(async () => expect(await live.followAnswer(alice, id)).not.toBeNull());
    await live.stopAnswer(alice, id);
    await res.body?.cancel();
    for (const f of followers.slice(1)) await (f as ReadableStream<Uint8Array>).cancel();
    await settled(alice, id);
  });
});
