import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness } from "@/test/turn-harness";

// The title call against the simulator and a real SQLite file: what it costs when the platform
// is too slow to wait for.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let generateTitle: typeof import("./auto-title").generateTitle;
let connections: typeof import("../providers/connections");
beforeAll(async () => {
  ({ sim, mod, alice } = harness);
  ({ generateTitle } = await import("./auto-title"));
  connections = await import("../providers/connections");
});

describe("generateTitle", () => {
  it("bills a title it stopped waiting for at its worst case: the platform answers and bills it all the same", async () => {
    const connection = await connections.getConnection("env:default");
    if (!connection) throw new Error("no env:default connection");
    const from = sim.requests.length;
    const title = generateTitle({
      connection,
      served: await connections.modelsOf(connection),
      model: "glm-5.1",
      userId: alice,
      conversationId: randomUUID(),
      placeholder: "Why is the sky blue",
      userText: "Why is the sky blue? [[sim:first-delay:1500]]",
      answerText: "Because of Rayleigh scattering.",
      timeoutMs: 300,
    });
    await expect(title).rejects.toThrow(/timeout/i);

    // The simulator finishes the answer after the app gave up, and bills it.
    await expect.poll(() => sim.requests.slice(from).find((r) => r.usage), { timeout: 5000 }).toBeDefined();
    const call = sim.requests.slice(from).find((r) => r.usage);
    expect(call?.delivered).toBe(false);
    const billed = (call?.usage?.promptTokens ?? 0) + (call?.usage?.completionTokens ?? 0);

    // The ledger cannot know the answer's length: it counts the prompt and all 32 tokens allowed.
    const rows = await mod.db.usage.findMany({ where: { userId: alice, purpose: "title" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ estimated: true, outputTokens: 32, answeredModel: null });
    expect(rows[0].totalTokens).toBeGreaterThanOrEqual(billed);
  });
});
