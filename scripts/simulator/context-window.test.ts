import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../test/simulator";
import { contextWindowOf, planResponse, promptTokens, type SimMessage } from "./scenario";

// A prompt over the model's context window is refused as each platform refuses it: the status and
// body the app's error mapping reads (lib/shared/platforms: errorKind), counted with the
// simulator's own tokens.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let root: string;
beforeAll(async () => {
  sim = await startSimulator();
  root = sim.baseURL.replace("/compatible-mode/v1", "");
});
afterAll(() => sim.close());

/** A user message of `tokens` simulator tokens (with the message's overhead of 4). */
const prompt = (tokens: number): SimMessage[] => [
  { role: "user", content: Array.from({ length: tokens - 4 }, () => " w").join("") },
];

async function post(path: string, body: unknown) {
  const res = await fetch(`${root}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${sim.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the simulator's context windows", () => {
  it("holds each model to the catalog's window, whatever the platform calls it", () => {
    expect(contextWindowOf("glm-5.1")).toBe(200_000);
    expect(contextWindowOf("zai:glm@5.1")).toBe(200_000);
    expect(contextWindowOf("glm-5")).toBe(202_752);
    expect(contextWindowOf("glm-4.7")).toBe(169_984);
    expect(contextWindowOf("zai-org/GLM-4.5-Air")).toBe(128_000);
    expect(promptTokens(prompt(1_000))).toBe(1_000);
  });

  it("answers a prompt at the window and refuses one a token over", () => {
    const at = planResponse({ model: "glm-5.1", messages: prompt(200_000), thinking: false });
    expect(at.error).toBeUndefined();
    expect(at.usage.promptTokens).toBe(200_000);
    const over = planResponse({ model: "glm-5.1", messages: prompt(200_001), thinking: false });
    expect(over.error).toEqual({ status: 400, tooLong: { tokens: 200_001, window: 200_000 } });
  });

  it("refuses as DashScope's compatible mode does", async () => {
    const res = await post("/compatible-mode/v1/chat/completions", {
      model: "glm-5",
      messages: prompt(202_753),
      stream: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_parameter_error",
      type: "invalid_request_error",
      message: "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 202752]",
    });
  });

  it("refuses as BigModel does (1261)", async () => {
    const res = await post("/api/paas/v4/chat/completions", { model: "glm-5.1", messages: prompt(200_001) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "1261", message: "Prompt 超长" } });
  });

  it("refuses as vLLM does, naming its window", async () => {
    const res = await post("/v1/chat/completions", { model: "zai-org/GLM-4.5-Air", messages: prompt(128_001) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^This model's maximum context length is 128000 tokens\./);
  });

  it("refuses as DashScope's native API does", async () => {
    const res = await post("/api/v1/services/aigc/text-generation/generation", {
      model: "glm-4.7",
      input: { messages: prompt(169_985) },
      parameters: { result_format: "message" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: "InvalidParameter",
      message: "Range of input length should be [1, 169984]",
    });
  });

  it("refuses a Runware task, in its errors array", async () => {
    const res = await post("/v1", [
      {
        taskType: "textInference",
        taskUUID: "3f1d3c2a-1111-4a2b-9c3d-000000000002",
        model: "zai:glm@5.1",
        deliveryMethod: "sync",
        messages: prompt(200_001),
      },
    ]);
    expect(res.status).toBe(400);
    expect((res.body.errors as unknown[])[0]).toMatchObject({ taskType: "textInference", code: "invalidMessages" });
  });
});
