import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  answerText,
  assistantOf,
  lastSent,
  setUpTurnHarness,
  type TurnHarness,
  turn,
  uiChunks,
} from "@/test/turn-harness";
import { planResponse } from "../../scripts/simulator/scenario";
import type { ModelId } from "../shared/catalog/models";

// A whole chat turn against a real SQLite file and the simulator: what is streamed to the
// browser, and what is saved, on success, stop, upstream error and a dropped connection.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;
beforeAll(() => {
  ({ sim, mod, alice, bob } = harness);
});

describe("runChatTurn", () => {
  it("streams thinking then the answer, and saves both messages with the platform's usage", async () => {
    const id = randomUUID();
    const res = await turn(alice, "Why is the sea salty?", { id });
    const chunks = uiChunks(await res.text());
    const types = chunks.map((c) => c.type);
    expect(types.indexOf("reasoning-delta")).toBeGreaterThan(-1);
    expect(types.indexOf("reasoning-delta")).toBeLessThan(types.indexOf("text-delta"));

    const plan = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Why is the sea salty?" }],
      thinking: true,
    });
    const finish = chunks.find((c) => c.type === "finish");
    expect(finish?.messageMetadata).toMatchObject({
      status: "done",
      model: "glm-5.1",
      usage: {
        inputTokens: plan.usage.promptTokens,
        outputTokens: plan.usage.completionTokens,
        reasoningTokens: plan.usage.reasoningTokens,
        cachedInputTokens: 0,
        totalTokens: plan.usage.promptTokens + plan.usage.completionTokens,
        estimated: false,
      },
    });

    const upstream = sim.requests.at(-1)?.body as Record<string, unknown>;
    expect(upstream).toMatchObject({ model: "glm-5.1", stream: true, enable_thinking: true });
    expect(upstream.stream_options).toEqual({ include_usage: true });

    const conversation = await mod.getConversation(alice, id);
    expect(conversation?.title).toBe("Why is the sea salty?");
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    const answer = conversation?.messages[1];
    expect(answer?.status).toBe("done");
    expect(answer?.finishReason).toBe("stop");
    const parts = answer?.parts as { type: string; text?: string }[];
    expect(parts.find((p) => p.type === "reasoning")?.text).toBe(plan.reasoning.join(""));
    expect(parts.find((p) => p.type === "text")?.text).toBe(plan.content.join(""));
    expect(answer?.usage).toHaveLength(1);
    expect(answer?.usage[0]).toMatchObject({
      userId: alice,
      platform: "dashscope",
      requestedModel: "glm-5.1",
      answeredModel: "glm-5.1",
      inputTokens: plan.usage.promptTokens,
      outputTokens: plan.usage.completionTokens,
      reasoningTokens: plan.usage.reasoningTokens,
      estimated: false,
    });
    expect(answer?.usage[0].ttftMs).toBeGreaterThanOrEqual(0);
    expect(answer?.usage[0].reasoningMs).toBeGreaterThanOrEqual(0);
  });

  it("sends the saved history on the next turn and never the client's copy", async () => {
    const id = randomUUID();
    await (await turn(alice, "first", { id, thinking: false })).text();
    await (await turn(alice, "second", { id, thinking: false })).text();
    const upstream = sim.requests.at(-1)?.body as { messages: { role: string }[]; enable_thinking: boolean };
    expect(upstream.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(upstream.enable_thinking).toBe(false);
  });

  it("sends the history before each call of a later turn's tool loop", async () => {
    const id = randomUUID();
    await (await turn(alice, "first", { id, thinking: false })).text();
    const before = sim.requests.length;
    await (await turn(alice, 'What time is it in "Asia/Shanghai"? [[sim:tool:current_time]]', { id })).text();
    const calls = sim.requests.slice(before).map((r) => (r.body as { messages: { role: string }[] }).messages);
    expect(calls.map((messages) => messages.map((m) => m.role))).toEqual([
      ["user", "assistant", "user"],
      ["user", "assistant", "user", "assistant", "tool"],
    ]);
  });

  it("sends the conversation's parameters fitted to the platform, and web search only without thinking", async () => {
    const id = randomUUID();
    const parameters = { temperature: 1.5, topP: 0.8, topK: 50, maxOutputTokens: 500_000 };
    await (await turn(alice, "Search this", { id, thinking: true, webSearch: true, parameters })).text();
    const thinking = sim.requests.at(-1)?.body as Record<string, unknown>;
    // glm-5.1 answers with at most 163,840 tokens; DashScope reads top_k from the body.
    expect(thinking).toMatchObject({ temperature: 1.5, top_p: 0.8, top_k: 50, max_tokens: 163_840 });
    expect(thinking).not.toHaveProperty("enable_search");

    await (await turn(alice, "Search again", { id, thinking: false, webSearch: true })).text();
    expect(sim.requests.at(-1)?.body).toMatchObject({ enable_thinking: false, enable_search: true });
    const conversation = await mod.getConversation(alice, id);
    expect(conversation?.settings).toEqual({
      thinking: false,
      webSearch: true,
      tools: true,
      codeInterpreter: false,
      summarize: true,
      systemPrompt: "",
      parameters: {},
    });
  });

  it("runs a tool the model calls and lets it continue, all in one saved answer", async () => {
    const id = randomUUID();
    const before = sim.requests.length;
    const text = 'What time is it in "Asia/Shanghai"? [[sim:tool:current_time]]';
    await (await turn(alice, text, { id })).text();
    const [first, second] = sim.requests.slice(before).map((r) => r.body as Record<string, unknown>);
    expect(first).toMatchObject({ tool_stream: true, enable_thinking: true });
    expect(first.tools).toContainEqual(
      expect.objectContaining({ type: "function", function: expect.objectContaining({ name: "current_time" }) }),
    );
    const messages = second.messages as { role: string; content?: string; tool_calls?: unknown[] }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(messages[1].tool_calls).toHaveLength(1);
    expect(JSON.parse(messages[2].content ?? "")).toMatchObject({ timezone: "Asia/Shanghai" });

    const answer = (await mod.getConversation(alice, id))?.messages[1];
    const parts = answer?.parts as { type: string; state?: string; input?: unknown; output?: unknown; text?: string }[];
    const call = parts.find((p) => p.type === "tool-current_time");
    expect(call).toMatchObject({ state: "output-available", input: { timezone: "Asia/Shanghai" } });
    expect(call?.output).toMatchObject({ timezone: "Asia/Shanghai" });
    expect(parts.filter((p) => p.type === "text").at(-1)?.text).toContain("The current_time tool returned:");
    // Both steps are billed, each as itself.
    const plans = [0, 1].map((i) =>
      planResponse({
        model: "glm-5.1",
        messages: (i === 0 ? first : second).messages as never,
        thinking: true,
        tools: [
          {
            name: "current_time",
            parameters: { required: ["timezone"], properties: { timezone: { type: "string" } } },
          },
        ],
      }),
    );
    // One ledger row per upstream call, each with that call's figures, the first one's timings.
    expect(answer?.usage).toHaveLength(2);
    for (const [i, plan] of plans.entries()) {
      expect(answer?.usage[i]).toMatchObject({
        inputTokens: plan.usage.promptTokens,
        outputTokens: plan.usage.completionTokens,
        estimated: false,
      });
    }
    expect(answer?.usage[0].ttftMs).not.toBeNull();
    expect(answer?.usage[1].ttftMs).toBeNull();
  });

  it("a tool that refuses is the tool's result, not a failed answer", async () => {
    const id = randomUUID();
    await (await turn(alice, 'Read "http://169.254.169.254/latest/" [[sim:tool:read_web_page]]', { id })).text();
    const answer = (await mod.getConversation(alice, id))?.messages[1];
    expect(answer).toMatchObject({ status: "done", error: null });
    const parts = answer?.parts as { type: string; state?: string; errorText?: string; text?: string }[];
    expect(parts.find((p) => p.type === "tool-read_web_page")).toMatchObject({
      state: "output-error",
      errorText: expect.stringContaining("private or reserved address"),
    });
    expect(parts.filter((p) => p.type === "text").at(-1)?.text).toContain("The read_web_page tool returned:");
  });

  it("offers no tools when the conversation turned them off", async () => {
    await (await turn(alice, "No tools [[sim:tool:current_time]]", { tools: false })).text();
    const body = sim.requests.at(-1)?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("tool_stream");
  });

  it("answers a message again as a new version, and branches from any earlier message", async () => {
    const id = randomUUID();
    await (await turn(alice, "First question", { id, thinking: false })).text();
    const [u1, a1] = (await mod.getConversation(alice, id))?.messages ?? [];
    if (!u1 || !a1) throw new Error("the first turn was not saved");

    // Regenerate: the model sees the branch up to the user message, and the new answer is a sibling.
    await (await turn(alice, "", { id, thinking: false, parentId: u1.id, regenerate: true })).text();
    expect(lastSent().messages).toHaveLength(1);
    let conversation = await mod.getConversation(alice, id);
    const a1b = conversation?.messages.at(-1);
    expect(a1b).toMatchObject({ role: "assistant", parentId: u1.id });
    expect(conversation?.messages.map((m) => m.id)).toContain(a1.id);
    expect(conversation?.headId).toBe(a1b?.id);

    // Continue from the first answer, not the shown one: the model sees that branch.
    await (await turn(alice, "Follow-up on version one", { id, thinking: false, parentId: a1.id })).text();
    const sent = lastSent().messages;
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    conversation = await mod.getConversation(alice, id);
    expect(conversation?.messages.find((m) => m.role === "user" && m.parentId === a1.id)).toBeDefined();

    // Edit the first message: a new root, seen alone.
    await (await turn(alice, "First question, rephrased", { id, thinking: false, parentId: null })).text();
    expect(lastSent().messages).toHaveLength(1);
    conversation = await mod.getConversation(alice, id);
    expect(conversation?.messages.filter((m) => m.parentId === null)).toHaveLength(2);
  });

  it("refuses to branch from a message that is not in the conversation, or to regenerate an answer", async () => {
    const id = randomUUID();
    await (await turn(alice, "Hello", { id, thinking: false })).text();
    const [, a1] = (await mod.getConversation(alice, id))?.messages ?? [];
    if (!a1) throw new Error("the first turn was not saved");
    await expect(turn(alice, "x", { id, parentId: "not-a-message" })).rejects.toMatchObject({ code: "not_found" });
    await expect(turn(alice, "", { id, parentId: a1.id, regenerate: true })).rejects.toMatchObject({
      code: "bad_request",
    });
  });

  it("sends the conversation's system prompt first, and keeps it with the conversation", async () => {
    const id = randomUUID();
    await (await turn(alice, "Hi", { id, thinking: false, systemPrompt: "Answer like a pirate." })).text();
    expect(lastSent().messages[0]).toEqual({ role: "system", content: "Answer like a pirate." });
    expect((await mod.getConversation(alice, id))?.settings).toMatchObject({ systemPrompt: "Answer like a pirate." });
    await (await turn(alice, "Again", { id, thinking: false })).text();
    expect(lastSent().messages[0].role).toBe("user");
  });

  it("names a new conversation with a cheap model after its first answer, and bills the call", async () => {
    const id = randomUUID();
    await (
      await turn(alice, "Plan a three day trip to Hangzhou in spring", {
        id,
        thinking: false,
        nameNewConversations: true,
      })
    ).text();
    await expect
      .poll(async () => (await mod.getConversation(alice, id))?.title, { timeout: 5000 })
      .toBe("Plan a three day trip");
    const titleCall = sim.requests.at(-1)?.body as { model: string; enable_thinking?: boolean; max_tokens?: number };
    // DashScope serves no glm-4.5-air: its cheapest model here is glm-4.6, asked not to think.
    expect(titleCall).toMatchObject({ model: "glm-4.6", enable_thinking: false, max_tokens: 32 });
    const usage = await mod.db.usage.findMany({ where: { conversationId: id, messageId: null } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ requestedModel: "glm-4.6", estimated: false });

    // A conversation the user renamed keeps its name.
    const renamed = randomUUID();
    await (
      await turn(alice, "Another long question about tides", {
        id: renamed,
        thinking: false,
        nameNewConversations: true,
      })
    ).text();
    await mod.db.conversation.update({ where: { id: renamed }, data: { title: "My own name" } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await mod.getConversation(alice, renamed))?.title).toBe("My own name");
  });

  it("saves what arrived when the user stops, with usage estimated", async () => {
    const id = randomUUID();
    const controller = new AbortController();
    const res = await turn(alice, "A long story [[sim:slow]]", { id, thinking: false, signal: controller.signal });
    const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let received = "";
    while (!received.includes('"text-delta"') || received.split('"text-delta"').length < 6) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel();

    // The answer's row exists from the start (being written); the stop settles it.
    await vi.waitFor(async () => expect((await assistantOf(alice, id))?.status).toBe("stopped"), { timeout: 5000 });
    const answer = await assistantOf(alice, id);
    const text = answerText(answer?.parts);
    expect(text.length).toBeGreaterThan(0);
    const full = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "A long story [[sim:slow]]" }],
      thinking: false,
    });
    expect(text.length).toBeLessThan(full.content.join("").length);
    expect(answer?.usage[0]).toMatchObject({ estimated: true });
    expect(answer?.usage[0].outputTokens).toBeGreaterThan(0);
  });

  it("turns an upstream 401 into a message that says what to do, and saves it", async () => {
    const id = randomUUID();
    const chunks = uiChunks(await (await turn(alice, "hello [[sim:error:401]]", { id })).text());
    const errorText = chunks.find((c) => c.type === "error")?.errorText;
    expect(errorText).toBe("The API key for DashScope was rejected — ask an admin to update it.");
    const answer = await assistantOf(alice, id);
    expect(answer?.status).toBe("error");
    expect(answer?.error).toEqual({ code: "upstream_auth", message: errorText });
  });

  it("keeps the partial answer when the upstream connection drops mid-stream", async () => {
    const id = randomUUID();
    const chunks = uiChunks(await (await turn(alice, "go [[sim:drop:6]]", { id, thinking: false })).text());
    expect(chunks.some((c) => c.type === "text-delta")).toBe(true);
    expect(chunks.some((c) => c.type === "error")).toBe(true);
    const answer = await assistantOf(alice, id);
    expect(answer?.status).toBe("error");
    const text = answerText(answer?.parts);
    expect(text.length).toBeGreaterThan(0);
    expect(answer?.usage[0].estimated).toBe(true);
  });

  it("ends a stream that goes silent with an error that says so, keeping what arrived", async () => {
    const id = randomUUID();
    const body = await (await turn(alice, "go [[sim:stall:5]]", { id, thinking: false, stallTimeoutMs: 400 })).text();
    const errorText = uiChunks(body).find((c) => c.type === "error")?.errorText;
    expect(errorText).toBe(
      "DashScope stopped sending for 1 s, so the answer was ended. What arrived is kept; try again.",
    );
    const answer = await assistantOf(alice, id);
    expect(answer?.status).toBe("error");
    expect(answerText(answer?.parts).length).toBeGreaterThan(0);
    expect(answer?.usage[0].estimated).toBe(true);
  });

  it("says a malformed chunk left a gap, and keeps the rest of the answer", async () => {
    const id = randomUUID();
    const body = await (await turn(alice, "go [[sim:malformed:4]]", { id, thinking: false })).text();
    expect(uiChunks(body).find((c) => c.type === "error")?.errorText).toMatch(
      /could not be read \(a malformed chunk\)/,
    );
    const answer = await assistantOf(alice, id);
    expect(answerText(answer?.parts)).toContain("Done.");
    expect(answer?.status).toBe("error");
  });

  it("answers 404 for another user's conversation and writes nothing", async () => {
    const id = randomUUID();
    await (await turn(alice, "mine", { id, thinking: false })).text();
    await expect(turn(bob, "let me in", { id })).rejects.toMatchObject({ code: "not_found", status: 404 });
    const conversation = await mod.getConversation(alice, id);
    expect(conversation?.messages).toHaveLength(2);
    expect(await mod.getConversation(bob, id)).toBeNull();
  });

  it("refuses a session whose account was deleted or disabled", async () => {
    const carol = (await mod.createUser({ email: "carol@example.test", name: null, passwordHash: "x" })).id;
    await mod.db.user.update({ where: { id: carol }, data: { disabledAt: new Date() } });
    await expect(turn(carol, "hello")).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(turn("no-such-user", "hello", { sessionId: "no-such-session" })).rejects.toMatchObject({
      code: "unauthorized",
      status: 401,
    });
  });

  it("refuses a session an admin ended (sign out everywhere), but not one begun after", async () => {
    const members = await import("../team/members");
    const dave = (await mod.createUser({ email: "dave@example.test", name: null, passwordHash: "x" })).id;
    const signedInAt = Date.now() - 60_000;
    await members.revokeSessions(dave);
    await expect(turn(dave, "hello", { signedInAt })).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    const res = await turn(dave, "hello", { signedInAt: Date.now() + 1, thinking: false });
    expect(res.status).toBe(200);
    await res.text();
  });

  it("refuses a session its user signed out of (the session's row is read with the conversation)", async () => {
    const sessions = await import("../auth/sessions");
    const erin = (await mod.createUser({ email: "erin@example.test", name: null, passwordHash: "x" })).id;
    const sessionId = await sessions.startSession(erin);
    const res = await turn(erin, "hello", { sessionId, thinking: false });
    expect(res.status).toBe(200);
    await res.text();
    await sessions.endSession(sessionId);
    await expect(turn(erin, "still there?", { sessionId })).rejects.toMatchObject({
      code: "unauthorized",
      status: 401,
      message: expect.stringContaining("signed out"),
    });
  });

  it("refuses a model the team has not enabled, before anything is written or sent", async () => {
    const settings = await import("../team/settings");
    const id = randomUUID();
    const before = sim.requests.length;
    await settings.saveTeamModels({ enabledModels: ["glm-4.6"], defaultModel: null, defaultConnectionId: null });
    try {
      await expect(turn(alice, "hello", { id })).rejects.toMatchObject({ code: "forbidden", status: 403 });
      expect(sim.requests.length).toBe(before);
      expect(await mod.getConversation(alice, id)).toBeNull();
      const res = await turn(alice, "hello", { id, model: "glm-4.6", thinking: false });
      expect(res.status).toBe(200);
      await res.text();
    } finally {
      await settings.saveTeamModels({
        enabledModels: [...(await import("../shared/catalog/models")).MODEL_IDS],
        defaultModel: null,
        defaultConnectionId: null,
      });
    }
  });

  it("records the usage even when the conversation is deleted while the answer streams", async () => {
    const id = randomUUID();
    // The simulated model waits before its first token: the user deletes the chat meanwhile.
    const res = await turn(alice, "later [[sim:first-delay:600]]", { id, thinking: false });
    await vi.waitFor(async () => expect(await mod.getConversation(alice, id)).not.toBeNull());
    await mod.db.conversation.delete({ where: { id } });
    await res.text();
    const orphan = await mod.db.usage.findFirst({
      where: { userId: alice, conversationId: null, messageId: null },
      orderBy: { createdAt: "desc" },
    });
    expect(orphan).toMatchObject({ requestedModel: "glm-5.1", estimated: false });
    expect(orphan?.outputTokens).toBeGreaterThan(0);
  });

  it("keeps no answer to a message deleted while it streamed, only the tokens it cost", async () => {
    const id = randomUUID();
    await (await turn(alice, "first", { id, thinking: false })).text();
    const res = await turn(alice, "second [[sim:first-delay:600]]", { id, thinking: false });
    const question = await vi.waitFor(async () => {
      const found = (await mod.getConversation(alice, id))?.messages.find((m) =>
        answerText(m.parts).startsWith("second"),
      );
      expect(found).toBeDefined();
      return found;
    });
    const { deleteMessage } = await import("./queries/conversations");
    await deleteMessage(alice, id, question?.id ?? "");
    await res.text();
    const conversation = await mod.getConversation(alice, id);
    // The chat still ends at the first answer: no answer without its question.
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(conversation?.headId).toBe(conversation?.messages[1].id);
    const spent = await mod.db.usage.findFirst({
      where: { userId: alice, messageId: null },
      orderBy: { createdAt: "desc" },
    });
    expect(spent?.outputTokens).toBeGreaterThan(0);
  });

  it("never writes a message into another user's conversation, whatever the caller checked", async () => {
    const { saveUserTurn } = await import("./queries/turn");
    const id = randomUUID();
    await (await turn(alice, "mine", { id, thinking: false })).text();
    await expect(
      saveUserTurn({
        userId: bob,
        conversationId: id,
        isNew: false,
        title: "x",
        model: "glm-5.1",
        platform: "dashscope",
        connectionId: "env:default",
        settings: {},
        message: { id: randomUUID(), parentId: null, parts: [{ type: "text", text: "sneaky" }], createdAt: new Date() },
        at: new Date(),
      }),
    ).rejects.toThrow("not this user's");
    expect((await mod.getConversation(alice, id))?.messages).toHaveLength(2);
  });

  it("saves every turn when many run at once (writes wait for each other)", async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const bodies = await Promise.all(ids.map(async (id) => (await turn(alice, `parallel ${id}`, { id })).text()));
    for (const body of bodies) expect(uiChunks(body).some((c) => c.type === "error")).toBe(false);
    for (const id of ids) {
      const conversation = await mod.getConversation(alice, id);
      expect(conversation?.messages.map((m) => m.status)).toEqual(["done", "done"]);
      expect(conversation?.messages[1].usage[0].estimated).toBe(false);
    }
  });

  it("runs the same turn over DashScope's native protocol, with the platform's exact usage", async () => {
    // A loopback host is not recognisable as DashScope, so the platform is named, as an admin
    // would for a proxy.
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", ""));
    vi.stubEnv("GLM_PLATFORM", "dashscope-native");
    try {
      const id = randomUUID();
      await (await turn(alice, "Native please", { id })).text();
      const sent = sim.requests.at(-1);
      expect(sent?.path).toBe("/api/v1/services/aigc/text-generation/generation");
      expect(sent?.body).toMatchObject({ parameters: { enable_thinking: true, incremental_output: true } });
      const plan = planResponse({
        model: "glm-5.1",
        messages: [{ role: "user", content: "Native please" }],
        thinking: true,
      });
      const answer = await assistantOf(alice, id);
      expect(answer?.status).toBe("done");
      expect(answerText(answer?.parts)).toBe(plan.content.join(""));
      expect(answer?.usage[0]).toMatchObject({
        platform: "dashscope-native",
        inputTokens: plan.usage.promptTokens,
        outputTokens: plan.usage.completionTokens,
        reasoningTokens: plan.usage.reasoningTokens,
        estimated: false,
      });
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("runs a turn over the Runware task API under the platform's own model id", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", ""));
    vi.stubEnv("GLM_PLATFORM", "runware");
    try {
      const id = randomUUID();
      await (await turn(alice, "Runware please", { id })).text();
      const task = (sim.requests.at(-1)?.body as Record<string, unknown>[] | undefined)?.[0] ?? {};
      expect(task).toMatchObject({ model: "zai:glm@5.1", settings: { thinkingLevel: "high" } });
      const answer = await assistantOf(alice, id);
      expect(answer?.status).toBe("done");
      expect(answer?.usage[0]).toMatchObject({ platform: "runware", requestedModel: "glm-5.1", estimated: false });

      // A model the platform does not serve is refused before anything is written.
      const other = randomUUID();
      await expect(turn(alice, "hi", { id: other, model: "glm-4.7", thinking: false })).rejects.toMatchObject({
        code: "bad_request",
        message: "GLM-4.7 is not offered on Runware. Choose one of: GLM-5.1.",
      });
      expect(await mod.getConversation(alice, other)).toBeNull();
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("on a self-hosted server, offers what it serves and sends the server's own model name", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const id = randomUUID();
      const request = (model: ModelId, conversation = id) =>
        turn(alice, "Local GLM", { id: conversation, model, thinking: false, parentId: null });
      await (await request("glm-4.5-air")).text();
      expect(sim.requests.at(-1)).toMatchObject({
        path: "/v1/chat/completions",
        body: { model: "zai-org/GLM-4.5-Air", chat_template_kwargs: { enable_thinking: false } },
      });
      expect((await assistantOf(alice, id))?.status).toBe("done");
      await expect(request("glm-5.1", randomUUID())).rejects.toMatchObject({
        message: "GLM-5.1 is not offered on Self-hosted (OpenAI-compatible). Choose one of: GLM-4.6, GLM-4.5-Air.",
      });
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("sends penalties, seed and stop sequences where the platform takes them; the answer ends before the stop", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const id = randomUUID();
      const parameters = { presencePenalty: 0.4, frequencyPenalty: -0.2, seed: 1234, stopSequences: ["comes from"] };
      await (await turn(alice, "Stop early", { id, model: "glm-4.5-air", thinking: false, parameters })).text();
      expect(lastSent()).toMatchObject({
        presence_penalty: 0.4,
        frequency_penalty: -0.2,
        seed: 1234,
        stop: ["comes from"],
      });
      const text = answerText((await assistantOf(alice, id))?.parts);
      expect(text).toContain('Here is my answer about "Stop early"');
      expect(text).not.toContain("comes from");
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  for (const [platform, path, model] of [
    ["openai-compatible", "/v1", "glm-4.5-air"],
    ["runware", "", "glm-5.1"],
  ] as const) {
    it(`asks ${platform} for several answers at once and keeps them as versions, the usage shared out exactly`, async () => {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", path));
      vi.stubEnv("GLM_PLATFORM", platform);
      try {
        const id = randomUUID();
        const res = await turn(alice, "Three ways", { id, model, thinking: true, candidates: 3 });
        const streamed = uiChunks(await res.text())
          .filter((c) => c.type === "text-delta")
          .map((c) => (c as unknown as { delta: string }).delta)
          .join("");
        const sent = sim.requests.at(-1)?.body as Record<string, unknown> | Record<string, unknown>[];
        expect(Array.isArray(sent) ? sent[0].numberResults : sent.n).toBe(3);

        const conversation = await mod.getConversation(alice, id);
        const answers = conversation?.messages.filter((m) => m.role === "assistant") ?? [];
        expect(answers).toHaveLength(3);
        const question = conversation?.messages.find((m) => m.role === "user");
        expect(answers.every((a) => a.parentId === question?.id)).toBe(true);
        // The one that streamed is shown; the others are its versions, each a different answer.
        const shown = answers.find((a) => a.id === conversation?.headId);
        expect(answerText(shown?.parts)).toBe(streamed);
        expect(new Set(answers.map((a) => answerText(a.parts))).size).toBe(3);
        expect(answers.map((a) => answerText(a.parts)).filter((t) => t.includes("Another take"))).toHaveLength(2);

        // One prompt, every answer's output: the shares add up to what the platform reported.
        const plan = planResponse({
          model: platform === "runware" ? "zai:glm@5.1" : "zai-org/GLM-4.5-Air",
          messages: [{ role: "user", content: "Three ways" }],
          thinking: true,
          candidates: 3,
        });
        const rows = answers.flatMap((a) => a.usage);
        expect(rows).toHaveLength(3);
        expect(rows.reduce((n, u) => n + u.inputTokens, 0)).toBe(plan.usage.promptTokens);
        expect(rows.reduce((n, u) => n + u.outputTokens, 0)).toBe(plan.usage.completionTokens);
        expect(rows.reduce((n, u) => n + u.reasoningTokens, 0)).toBe(plan.usage.reasoningTokens);
        expect(rows.every((u) => u.estimated && u.outputTokens > 0)).toBe(true);
      } finally {
        vi.stubEnv("GLM_BASE_URL", sim.baseURL);
        vi.stubEnv("GLM_PLATFORM", "");
      }
    });
  }

  it("makes the first account the admin and later ones members", async () => {
    const users = await mod.db.user.findMany({ orderBy: { createdAt: "asc" }, select: { role: true } });
    expect(users.length).toBeGreaterThan(2);
    expect(users.map((u) => u.role)).toEqual(["admin", ...users.slice(1).map(() => "member")]);
  });
});
