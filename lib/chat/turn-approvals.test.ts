import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestMcpServer, type TestMcpServer } from "@/test/mcp-server";
import { assistantOf, sessionFor, setUpTurnHarness, type TurnHarness, turn, uiChunks } from "@/test/turn-harness";
import type { ToolApproval } from "../shared/chat/tool-approvals";

// MCP tools that ask first: the answer stops at the call, the user's decision continues the same
// answer (the tool runs on the MCP server, or the model is told it was denied), and both upstream
// calls are recorded on it.

const harness = setUpTurnHarness();
let h: TurnHarness;
let mcp: TestMcpServer;

beforeAll(async () => {
  h = harness;
  mcp = await startTestMcpServer();
  await h.mod.db.mcpServer.create({
    data: {
      name: "Orders",
      url: mcp.url,
      tools: [
        {
          name: "lookup_order",
          description: "Looks up an order.",
          inputSchema: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
          enabled: true,
          askFirst: true,
        },
      ],
    },
  });
  (await import("../mcp/servers")).forgetMcpServers();
});

afterAll(async () => {
  await mcp?.close();
});

type StoredPart = { type: string; state?: string; approval?: { id: string }; output?: unknown; text?: string };

async function waitingAnswer(id: string) {
  await (await turn(h.alice, 'Where is order "A-42"? [[sim:tool:orders__lookup_order]]', { id })).text();
  const answer = await assistantOf(h.alice, id);
  const parts = answer?.parts as StoredPart[];
  const call = parts.find((p) => p.type === "dynamic-tool");
  return { answer, call };
}

async function respond(
  id: string,
  messageId: string,
  approvals: ToolApproval[],
  userId = h.alice,
  signal = new AbortController().signal,
) {
  return h.mod.runChatTurn({
    userId,
    signedInAt: Date.now(),
    sessionId: await sessionFor(userId),
    nameNewConversations: false,
    request: {
      id,
      trigger: "respond-to-tools",
      messageId,
      approvals,
      connection: "env:default",
      model: "glm-5.1",
      thinking: true,
      webSearch: false,
      tools: true,
      systemPrompt: "",
      parameters: {},
      candidates: 1,
      codeInterpreter: false,
    },
    stopSignal: signal,
  });
}

describe("tool calls that ask first", () => {
  it("wait for approval, then run on the MCP server and continue the same answer", async () => {
    const id = randomUUID();
    const calls = mcp.calls.length;
    const { answer, call } = await waitingAnswer(id);
    expect(call).toMatchObject({ state: "approval-requested", input: { orderId: "A-42" } });
    expect(mcp.calls.length).toBe(calls);
    expect(answer?.usage).toHaveLength(1);

    const chunks = uiChunks(
      await (await respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: true }])).text(),
    );
    expect(chunks.find((c) => c.type === "start")).toMatchObject({ messageId: answer?.id });
    // The browser that decided has the answer so far: only what is new streams to it (viewers
    // that resume get the answer as it was first: lib/generation/replay-prefix).
    expect(chunks.filter((c) => c.type === "start")).toHaveLength(1);
    expect(chunks.some((c) => c.type === "tool-approval-request")).toBe(false);
    expect(mcp.calls.slice(calls)).toEqual([{ name: "lookup_order", args: { orderId: "A-42" } }]);
    // The platform got the call and its result back, as with any tool.
    const sent = h.sim.requests.at(-1)?.body as { messages: { role: string; content?: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(sent.messages[2].content).toContain("Order A-42 shipped");

    const saved = await assistantOf(h.alice, id);
    expect(saved?.id).toBe(answer?.id);
    const parts = saved?.parts as StoredPart[];
    expect(parts.find((p) => p.type === "dynamic-tool")).toMatchObject({
      state: "output-available",
      output: "Order A-42 shipped on 2026-11-20 and arrives tomorrow.",
    });
    expect(parts.some((p) => p.type === "data-tool-duration")).toBe(true);
    expect(parts.filter((p) => p.type === "text").at(-1)?.text).toContain("Order A-42 shipped");
    // Both upstream calls are on the answer, and its footer (finish metadata) adds them up.
    expect(saved?.usage).toHaveLength(2);
    const total = (saved?.usage ?? []).reduce((sum, u) => sum + u.outputTokens, 0);
    const finish = chunks.find((c) => c.type === "finish");
    expect(finish?.messageMetadata).toMatchObject({ usage: { outputTokens: total } });

    // A decision counts once.
    await expect(
      respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: true }]),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("when denied, do not run, and the model is told why", async () => {
    const id = randomUUID();
    const calls = mcp.calls.length;
    const { answer, call } = await waitingAnswer(id);
    await (
      await respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: false, reason: "Not that one." }])
    ).text();
    expect(mcp.calls.length).toBe(calls);
    const sent = h.sim.requests.at(-1)?.body as { messages: { role: string; content?: string }[] };
    expect(sent.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringContaining("Not that one.") });
    const parts = (await assistantOf(h.alice, id))?.parts as StoredPart[];
    expect(parts.find((p) => p.type === "dynamic-tool")?.state).toBe("output-denied");
  });

  it("refuse decisions on another user's answer, or on calls that were never asked", async () => {
    const id = randomUUID();
    const { answer, call } = await waitingAnswer(id);
    await expect(
      respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: true }], h.bob),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(respond(id, answer?.id ?? "", [{ id: "made-up", approved: true }])).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await assistantOf(h.alice, id))?.usage).toHaveLength(1);
  });

  it("run an approved call once, however many times the approval is sent at the same moment", async () => {
    const id = randomUUID();
    const calls = mcp.calls.length;
    const { answer, call } = await waitingAnswer(id);
    const approve = () => respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: true }]);
    const results = await Promise.allSettled([approve(), approve()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    await (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Response>).value.text();
    expect(mcp.calls.length - calls).toBe(1);
  });

  it("gives back the budget a refused continuation had reserved", async () => {
    const { saveUserLimits } = await import("../spend/admin");
    await saveUserLimits(h.alice, { monthlyTokens: 10_000_000, monthlyMicros: null, requestsPerMinute: null });
    try {
      const id = randomUUID();
      const { answer, call } = await waitingAnswer(id);
      const approve = () => respond(id, answer?.id ?? "", [{ id: call?.approval?.id ?? "", approved: true }]);
      // Both are admitted (each reserves its worst case); one is then refused: its decision was taken.
      const results = await Promise.allSettled([approve(), approve()]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
      await (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Response>).value.text();
      await vi.waitFor(async () => expect(await h.mod.db.reservation.count()).toBe(0));
      const totals = await h.mod.db.spendTotal.findMany({ where: { scope: `user:${h.alice}` } });
      expect(totals.map((t) => Number(t.reservedTokens))).toEqual(totals.map(() => 0));
    } finally {
      await saveUserLimits(h.alice, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: null });
    }
  });

  it("a continuation stopped before the tool ran leaves no unfinished call, and the chat goes on", async () => {
    const id = randomUUID();
    const { answer, call } = await waitingAnswer(id);
    const stop = new AbortController();
    const res = await respond(
      id,
      answer?.id ?? "",
      [{ id: call?.approval?.id ?? "", approved: true }],
      h.alice,
      stop.signal,
    );
    stop.abort();
    await res.text().catch(() => "");
    await vi.waitFor(async () => expect((await assistantOf(h.alice, id))?.status).toBe("stopped"), { timeout: 5000 });
    const parts = (await assistantOf(h.alice, id))?.parts as StoredPart[];
    expect(parts.find((p) => p.type === "dynamic-tool")?.state).toMatch(/^output-(error|available)$/);

    // The model is shown a finished call (or none), so the next message is answered.
    await (await turn(h.alice, "And now?", { id })).text();
    const last = (await h.mod.getConversation(h.alice, id))?.messages.at(-1);
    expect(last).toMatchObject({ role: "assistant", status: "done" });
  });
});
