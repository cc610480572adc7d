import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../test/simulator";

// The simulator must speak the Runware-style task API exactly: this test reads its raw bytes.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator();
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

describe("Runware stream", () => {
  it("streams data lines with ping comments, delta objects, a final chunk with usage and cost, and [DONE]", async () => {
    const res = await fetch(`${root}/v1`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}` },
      body: JSON.stringify([
        {
          taskType: "textInference",
          taskUUID: "3f1d3c2a-1111-4a2b-9c3d-000000000001",
          model: "zai:glm@5.1",
          deliveryMethod: "stream",
          includeUsage: true,
          includeCost: true,
          messages: [{ role: "user", content: "hi" }],
          settings: { thinkingLevel: "high" },
        },
      ]),
    });
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events[0]).toBe(": ping");
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)));
    expect(chunks[0]).toMatchObject({
      taskType: "textInference",
      delta: { reasoningContent: expect.any(String) },
      finishReason: null,
      resultIndex: 0,
    });
    const last = chunks.at(-1);
    expect(last).toMatchObject({
      delta: {},
      finishReason: "stop",
      usage: { promptTokens: expect.any(Number), thinkingTokens: expect.any(Number) },
    });
    expect(typeof last.cost).toBe("number");
  });
});
