import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTurnHarness, type TurnHarness } from "@/test/turn-harness";
import { planResponse } from "../../../scripts/simulator/scenario";

// POST /v1/chat/completions through lib/gateway against the simulator (as DashScope's compatible
// mode) and a real SQLite file: what the client receives, what the platform was sent, and the
// ledger rows, which name the key.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;
let chatCompletions: typeof import("./chat-completions").chatCompletions;
let listModels: typeof import("../models").listModels;
let aliceKey: string;
let bobKey: string;

beforeAll(async () => {
  ({ sim, mod, alice, bob } = harness);
  ({ chatCompletions } = await import("./chat-completions"));
  ({ listModels } = await import("../models"));
  const key = (userId: string) =>
    mod.db.apiKey
      .create({ data: { userId, name: "test", keyHash: randomUUID(), prefix: "glm_test" } })
      .then((k) => k.id);
  [aliceKey, bobKey] = await Promise.all([key(alice), key(bob)]);
});

const post = (
  body: unknown,
  opts: {
    userId?: string;
    keyId?: string;
    keyCap?: { tokens: number | null; micros: number | null };
    signal?: AbortSignal;
  } = {},
) =>
  chatCompletions(
    { userId: opts.userId ?? alice, keyId: opts.keyId ?? aliceKey, keyCap: opts.keyCap },
    new Request("http://localhost/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      signal: opts.signal,
    }),
  );

type Chunk = {
  choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown>;
};
const events = (sse: string) => sse.split("\n\n").filter((e) => e.startsWith("data: "));
const chunksOf = (sse: string): Chunk[] =>
  events(sse)
    .filter((e) => e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice(6)));
const joined = (chunks: Chunk[], field: string, index = 0) =>
  chunks
    .flatMap((c) => c.choices.filter((ch) => ch.index === index))
    .map((ch) => (ch.delta[field] as string | undefined) ?? "")
    .join("");

const rowsOf = (keyId: string) => mod.db.usage.findMany({ where: { apiKeyId: keyId }, orderBy: { createdAt: "asc" } });

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("POST /v1/chat/completions", () => {
  it("answers whole, thinking as reasoning_content, with the platform's usage, billed to the key", async () => {
    const before = (await rowsOf(aliceKey)).length;
    const res = await post({
      model: "glm-5.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Why is the sea salty?" },
      ],
      enable_thinking: true,
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    const plan = planResponse({
      model: "glm-5.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Why is the sea salty?" },
      ],
      thinking: true,
    });
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "glm-5.1",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: plan.content.join(""), reasoning_content: plan.reasoning.join("") },
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: plan.usage.promptTokens,
        completion_tokens: plan.usage.completionTokens,
        total_tokens: plan.usage.promptTokens + plan.usage.completionTokens,
        completion_tokens_details: { reasoning_tokens: plan.usage.reasoningTokens },
      },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(sim.requests.at(-1)?.body).toMatchObject({ model: "glm-5.1", enable_thinking: true });

    const rows = await rowsOf(aliceKey);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      userId: alice,
      purpose: "api",
      apiKeyId: aliceKey,
      platform: "dashscope",
      requestedModel: "glm-5.1",
      inputTokens: plan.usage.promptTokens,
      outputTokens: plan.usage.completionTokens,
      estimated: false,
      conversationId: null,
      messageId: null,
    });
  });

  it("streams chunks: role first, reasoning_content then content, the finish, the usage when asked, [DONE]", async () => {
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Stream it" }],
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: "high",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const sse = await res.text();
    expect(events(sse).at(-1)).toBe("data: [DONE]");
    const chunks = chunksOf(sse);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const plan = planResponse({ model: "glm-5.1", messages: [{ role: "user", content: "Stream it" }], thinking: true });
    expect(joined(chunks, "reasoning_content")).toBe(plan.reasoning.join(""));
    expect(joined(chunks, "content")).toBe(plan.content.join(""));
    const firstContent = chunks.findIndex((c) => c.choices[0]?.delta.content);
    const lastReasoning = chunks.findLastIndex((c) => c.choices[0]?.delta.reasoning_content);
    expect(lastReasoning).toBeLessThan(firstContent);
    const finish = chunks.filter((c) => c.choices[0]?.finish_reason);
    expect(finish.map((c) => c.choices[0].finish_reason)).toEqual(["stop"]);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({
      prompt_tokens: plan.usage.promptTokens,
      completion_tokens: plan.usage.completionTokens,
      completion_tokens_details: { reasoning_tokens: plan.usage.reasoningTokens },
    });
  });

  it("switches thinking off with thinking.type disabled, and sends temperature, top_p, max_tokens", async () => {
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Cool" }],
      thinking: { type: "disabled" },
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 500,
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.choices[0].message.reasoning_content).toBeUndefined();
    expect(sim.requests.at(-1)?.body).toMatchObject({
      enable_thinking: false,
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 500,
    });
  });

  it("clamps max_tokens to the model's limit on the platform, as the chat does", async () => {
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Hi" }],
      max_completion_tokens: 999_999,
    });
    expect(res.status).toBe(200);
    const sent = sim.requests.at(-1)?.body as { max_tokens: number };
    expect(sent.max_tokens).toBeLessThan(999_999);
    expect(sent.max_tokens).toBeGreaterThan(0);
  });

  it("sends stop, penalties and seed where the platform takes them; the answer ends before the stop", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const res = await post({
        model: "glm-4.5-air",
        messages: [{ role: "user", content: "Stop early" }],
        stop: "comes from",
        presence_penalty: 0.4,
        frequency_penalty: -0.2,
        seed: 1234,
        enable_thinking: false,
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.choices[0].message.content).toContain('Here is my answer about "Stop early"');
      expect(body.choices[0].message.content).not.toContain("comes from");
      expect(sim.requests.at(-1)?.body).toMatchObject({
        stop: ["comes from"],
        presence_penalty: 0.4,
        frequency_penalty: -0.2,
        seed: 1234,
      });
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("returns the model's tool call for the client to run, and answers from the result it sends back", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "The weather in a city",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ];
    const question = { role: "user", content: "Weather in Paris? [[sim:tool:get_weather]]" };
    const res = await post({ model: "glm-5.1", messages: [question], tools, stream: true, enable_thinking: false });
    expect(res.status).toBe(200);
    const chunks = chunksOf(await res.text());
    const calls = chunks.flatMap(
      (c) => (c.choices[0]?.delta.tool_calls as Record<string, unknown>[] | undefined) ?? [],
    );
    expect(calls[0]).toMatchObject({ index: 0, type: "function", function: { name: "get_weather", arguments: "" } });
    const id = calls[0].id as string;
    const args = calls.map((c) => (c.function as { arguments?: string }).arguments ?? "").join("");
    expect(JSON.parse(args)).toHaveProperty("city");
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe("tool_calls");
    expect(sim.requests.at(-1)?.body).toMatchObject({
      tools: [{ type: "function", function: { name: "get_weather" } }],
    });

    const answer = await post({
      model: "glm-5.1",
      tools,
      enable_thinking: false,
      messages: [
        question,
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id, type: "function", function: { name: "get_weather", arguments: args } }],
        },
        { role: "tool", tool_call_id: id, content: "Sunny, 21 °C" },
      ],
    });
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body.choices[0].message.content).toContain("The get_weather tool returned: Sunny, 21 °C");
    const sent = sim.requests.at(-1)?.body as { messages: Record<string, unknown>[] };
    expect(sent.messages.at(-2)).toMatchObject({
      role: "assistant",
      tool_calls: [{ id, function: { name: "get_weather" } }],
    });
    expect(sent.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: id, content: "Sunny, 21 °C" });
  });

  it("gives several answers where the platform can (n), each streamed with its index", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const res = await post({
        model: "glm-4.5-air",
        messages: [{ role: "user", content: "Two ways" }],
        n: 2,
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(res.status).toBe(200);
      const chunks = chunksOf(await res.text());
      expect(sim.requests.at(-1)?.body).toMatchObject({ n: 2 });
      expect(joined(chunks, "content", 0)).not.toBe("");
      expect(joined(chunks, "content", 1)).toContain("Another take");
      const finishes = chunks.flatMap((c) => c.choices.filter((ch) => ch.finish_reason));
      expect(finishes.map((f) => f.index).sort()).toEqual([0, 1]);
      expect(chunks.at(-1)?.usage).toBeDefined();

      const whole = await post({ model: "glm-4.5-air", messages: [{ role: "user", content: "Two ways" }], n: 2 });
      const body = await whole.json();
      expect(body.choices.map((c: { index: number }) => c.index)).toEqual([0, 1]);
      expect(body.choices[1].message.content).toContain("Another take");
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("refuses n above what the platform gives with a 400 naming n", async () => {
    const res = await post({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }], n: 2 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { type: "invalid_request_error", param: "n", code: "unsupported_parameter" },
    });
  });

  it("answers 404 for a model it does not offer, and for a platform that does not serve it", async () => {
    for (const model of ["gpt-4o", "glm-5.1@bigmodel"]) {
      const res = await post({ model, messages: [{ role: "user", content: "Hi" }] });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "model_not_found", param: "model" } });
    }
    const named = await post({ model: "glm-5.1@dashscope", messages: [{ role: "user", content: "Hi" }] });
    expect(named.status).toBe(200);
    expect((await named.json()).model).toBe("glm-5.1@dashscope");
  });

  it("answers 400 in OpenAI's shape for a bad body: not JSON, a missing field, an image, logprobs", async () => {
    const cases: [unknown, string | null][] = [
      ["{not json", null],
      [{ model: "glm-5.1" }, "messages"],
      [
        { model: "glm-5.1", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }] },
        "messages[0].content[0]",
      ],
      [{ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }], logprobs: true }, "logprobs"],
      [
        { model: "glm-5.1", messages: [{ role: "tool", tool_call_id: "nope", content: "x" }] },
        "messages[0].tool_call_id",
      ],
    ];
    for (const [body, param] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error.type).toBe("invalid_request_error");
      expect(typeof json.error.message).toBe("string");
      if (param) expect(json.error.param).toBe(param);
    }
  });

  it("refuses a call the budget cannot cover with 429 and Retry-After, holding nothing", async () => {
    const admin = await import("../../spend/admin");
    await admin.saveUserLimits(bob, { monthlyTokens: 100, monthlyMicros: null, requestsPerMinute: null });
    try {
      const sent = sim.requests.length;
      const res = await post(
        { model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] },
        { userId: bob, keyId: bobKey },
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: { type: "insufficient_quota", code: "budget_exceeded" } });
      expect(sim.requests.length).toBe(sent);
      expect(await mod.db.reservation.count({ where: { userId: bob } })).toBe(0);
    } finally {
      await admin.saveUserLimits(bob, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: null });
    }
  });

  it("holds a key to its own monthly cap: 429 naming the cap once its calls used it, the owner's other key unaffected", async () => {
    // A user of their own: the calls below count against the minute's rate window.
    const { createUser } = await import("@/test/users");
    const dora = (await createUser({ email: "dora@example.test", name: null, passwordHash: "x" })).id;
    const [capped, other] = await Promise.all(
      ["capped", "other"].map((name) =>
        mod.db.apiKey
          .create({ data: { userId: dora, name, keyHash: randomUUID(), prefix: "glm_cap", monthlyTokens: 200n } })
          .then((k) => k.id),
      ),
    );
    const keyCap = { tokens: 200, micros: null };
    const ask = (keyId: string) =>
      post(
        { model: "glm-5.1", max_tokens: 16, enable_thinking: false, messages: [{ role: "user", content: "Hi" }] },
        { userId: dora, keyId, keyCap },
      );
    // Each call's cost stays in the key's totals, until what is left cannot hold another call.
    let refused: Response | null = null;
    let answered = 0;
    for (let i = 0; i < 20 && !refused; i++) {
      const res = await ask(capped);
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        answered++;
      }
    }
    expect(answered).toBeGreaterThan(1);
    const spent = (await rowsOf(capped)).reduce((n, row) => n + row.totalTokens, 0);
    expect(spent).toBeLessThanOrEqual(200);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused?.json();
    expect(body).toMatchObject({ error: { type: "insufficient_quota", code: "budget_exceeded" } });
    expect(body.error.message).toMatch(/^This API key’s monthly cap of 200 tokens has [\d,]+ tokens left/);
    expect((await ask(other)).status).toBe(200);
  });

  it("refuses over the rate limit with 429 and Retry-After", async () => {
    const admin = await import("../../spend/admin");
    await admin.saveUserLimits(bob, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: 1 });
    try {
      const ask = () =>
        post({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] }, { userId: bob, keyId: bobKey });
      expect((await ask()).status).toBe(200);
      const res = await ask();
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    } finally {
      await admin.saveUserLimits(bob, { monthlyTokens: null, monthlyMicros: null, requestsPerMinute: null });
    }
  });

  it("bills a stream the client left mid-answer: what was received, estimated", async () => {
    const before = (await rowsOf(aliceKey)).length;
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "A long story [[sim:slow]]" }],
      stream: true,
      enable_thinking: false,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = "";
    while (!received.includes('"content"')) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const rows = await eventually(
      () => rowsOf(aliceKey),
      (r) => r.length > before,
    );
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ purpose: "api", apiKeyId: aliceKey, estimated: true });
    expect(rows.at(-1)?.outputTokens).toBeGreaterThan(0);
    const plan = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "A long story [[sim:slow]]" }],
      thinking: false,
    });
    expect(rows.at(-1)?.outputTokens).toBeLessThan(plan.usage.completionTokens);
  });

  it("answers a platform's refusal before the first token with its status, in OpenAI's shape", async () => {
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Hi [[sim:error:401]]" }],
      stream: true,
    });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { type: "api_error", code: "upstream_auth" } });
  });

  it("ends a stream the platform dropped with an error event and no [DONE], and bills what arrived", async () => {
    const before = (await rowsOf(aliceKey)).length;
    const res = await post({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Tell me [[sim:drop:4]]" }],
      stream: true,
      enable_thinking: false,
    });
    expect(res.status).toBe(200);
    const sse = await res.text();
    expect(events(sse).at(-1)).not.toBe("data: [DONE]");
    const last = JSON.parse((events(sse).at(-1) as string).slice(6));
    expect(last.error).toMatchObject({ code: expect.stringMatching(/^upstream_/) });
    const rows = await eventually(
      () => rowsOf(aliceKey),
      (r) => r.length > before,
    );
    expect(rows.at(-1)).toMatchObject({ purpose: "api", estimated: true });
  });

  it("falls back to the next model when the one asked for is down, billed at the one that answered", async () => {
    vi.stubEnv("GLM_FALLBACK_MODELS", "glm-4.7");
    try {
      const res = await post({ model: "glm-5.1", messages: [{ role: "user", content: "Hi [[sim:down:glm-5.1]]" }] });
      expect(res.status).toBe(200);
      expect((await res.json()).choices[0].message.content).toContain("glm-4.7");
      const rows = await rowsOf(aliceKey);
      expect(rows.at(-1)).toMatchObject({ requestedModel: "glm-5.1", answeredModel: "glm-4.7", purpose: "api" });
    } finally {
      vi.stubEnv("GLM_FALLBACK_MODELS", "");
    }
  });

  it("lists the models the team offers", async () => {
    const models = await listModels();
    expect(models.map((m) => m.id)).toContain("glm-5.1");
    expect(models.every((m) => !m.id.includes("@"))).toBe(true);
  });
});
