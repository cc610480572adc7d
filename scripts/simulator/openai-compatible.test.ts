import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../test/simulator";
import { planResponse } from "./scenario";

// The simulator must speak DashScope's compatible mode exactly: these tests read its raw bytes.

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function post(body: unknown, key = sim.apiKey, signal?: AbortSignal) {
  return fetch(`${sim.baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

function events(raw: string): string[] {
  return raw
    .split("\n\n")
    .filter(Boolean)
    .map((e) => {
      expect(e.startsWith("data: ")).toBe(true);
      return e.slice("data: ".length);
    });
}

describe("DashScope compatible-mode stream", () => {
  const messages = [{ role: "user", content: "Who are you?" }];

  it("streams reasoning deltas, then content, a finish chunk, a usage chunk with empty choices, and [DONE]", async () => {
    const res = await post({
      model: "glm-5.1",
      messages,
      stream: true,
      stream_options: { include_usage: true },
      enable_thinking: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const data = events(await res.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    for (const c of chunks) {
      expect(c.object).toBe("chat.completion.chunk");
      expect(c.model).toBe("glm-5.1");
      expect(c.id).toBe(chunks[0].id);
    }
    expect(chunks[0].choices[0].delta).toEqual({ content: null, role: "assistant", reasoning_content: "" });

    const deltas = chunks.slice(1, -2).map((c) => c.choices[0].delta);
    const firstContent = deltas.findIndex((d) => d.content);
    expect(firstContent).toBeGreaterThan(0);
    expect(deltas.slice(0, firstContent).every((d) => d.content === null && d.reasoning_content)).toBe(true);
    expect(deltas.slice(firstContent).every((d) => d.content && d.reasoning_content === null)).toBe(true);

    const finish = chunks.at(-2);
    expect(finish.choices[0].finish_reason).toBe("stop");
    expect(finish.usage).toBeNull();

    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    const plan = planResponse({ model: "glm-5.1", messages: messages as never, thinking: true });
    expect(usage.usage).toEqual({
      prompt_tokens: plan.usage.promptTokens,
      completion_tokens: plan.usage.completionTokens,
      total_tokens: plan.usage.promptTokens + plan.usage.completionTokens,
      completion_tokens_details: { reasoning_tokens: plan.usage.reasoningTokens },
      prompt_tokens_details: { cached_tokens: 0 },
    });
    const reasoning = deltas
      .slice(0, firstContent)
      .map((d) => d.reasoning_content)
      .join("");
    expect(reasoning).toBe(plan.reasoning.join(""));
  });

  it("thinks by default, as glm-5.1 does when enable_thinking is not sent", async () => {
    const res = await post({ model: "glm-5.1", messages, stream: true });
    const chunks = events(await res.text())
      .slice(0, -1)
      .map((d) => JSON.parse(d));
    expect(chunks.some((c) => c.choices[0]?.delta?.reasoning_content)).toBe(true);
    // No include_usage: no usage chunk.
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
  });

  it("answers without reasoning_content when thinking is off", async () => {
    const res = await post({ model: "glm-5.1", messages, stream: true, enable_thinking: false });
    const raw = await res.text();
    expect(raw).not.toContain("reasoning_content");
  });

  it("answers non-streaming requests with one chat.completion object", async () => {
    const res = await post({ model: "glm-4.7", messages, enable_thinking: true });
    const body = await res.json();
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0].message.role).toBe("assistant");
    expect(body.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it("bills a non-streamed answer whose client gave up before it came, marked as not delivered", async () => {
    const slow = [{ role: "user", content: "Take your time [[sim:first-delay:600]]" }];
    const answered = await post({ model: "glm-4.7", messages: slow, enable_thinking: false });
    await answered.json();
    const waited = sim.requests.at(-1);
    expect(waited).toMatchObject({ delivered: true, usage: { promptTokens: expect.any(Number) } });

    await expect(
      post({ model: "glm-4.7", messages: slow, enable_thinking: false }, sim.apiKey, AbortSignal.timeout(100)),
    ).rejects.toThrow();
    const abandoned = sim.requests.at(-1);
    await expect.poll(() => abandoned?.usage, { timeout: 5000 }).toEqual(waited?.usage);
    expect(abandoned?.delivered).toBe(false);
  });

  it("rejects a wrong key with DashScope's 401 body", async () => {
    const res = await post({ model: "glm-5.1", messages }, "sk-wrong");
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "invalid_api_key", type: "invalid_request_error" });
    expect(typeof body.request_id).toBe("string");
  });

  it("sends Retry-After with a 429 chosen by the prompt", async () => {
    const res = await post({ model: "glm-5.1", messages: [{ role: "user", content: "hi [[sim:error:429]]" }] });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await res.json()).error.code).toBe("limit_requests");
  });

  it("records what it received, for tests to inspect", async () => {
    const before = sim.requests.length;
    await (await post({ model: "glm-5", messages, enable_thinking: false })).text();
    const last = sim.requests.at(-1);
    expect(sim.requests.length).toBe(before + 1);
    expect(last?.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
    expect(last?.body).toMatchObject({ model: "glm-5", enable_thinking: false });
  });
});

describe("output limits, as each platform applies them", () => {
  const long = [{ role: "user", content: "Tell me everything [[sim:long:300]] [[sim:think:200]]" }];
  const answerOf = async (path: string, body: Record<string, unknown>) => {
    const res = await fetch(`${sim.baseURL.replace("/compatible-mode/v1", path)}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "glm-5.1", messages: long, ...body }),
    });
    const json = await res.json();
    const { message, finish_reason } = json.choices[0];
    return {
      reasoning: (message.reasoning_content ?? "").split(/(?= hmm)/).filter(Boolean).length,
      content: (message.content ?? "").split(/(?= word)/).filter(Boolean).length,
      finish: finish_reason as string,
      completion: json.usage.completion_tokens as number,
    };
  };

  it("DashScope: max_tokens cuts the answer, thinking_budget the thinking", async () => {
    const free = await answerOf("/compatible-mode/v1", { enable_thinking: true });
    expect(free).toMatchObject({ reasoning: 200, content: 300, finish: "stop", completion: 500 });
    const capped = await answerOf("/compatible-mode/v1", {
      enable_thinking: true,
      max_tokens: 50,
      thinking_budget: 30,
    });
    expect(capped).toMatchObject({ reasoning: 30, content: 50, finish: "length", completion: 80 });
  });

  it("BigModel and vLLM: max_tokens counts thinking and answer together", async () => {
    for (const [path, thinking] of [
      ["/api/paas/v4", { thinking: { type: "enabled" } }],
      ["/v1", { chat_template_kwargs: { enable_thinking: true } }],
    ] as const) {
      expect(await answerOf(path, { ...thinking, max_tokens: 250 })).toMatchObject({
        reasoning: 200,
        content: 50,
        finish: "length",
        completion: 250,
      });
      expect(await answerOf(path, { ...thinking, max_tokens: 120 })).toMatchObject({
        reasoning: 120,
        content: 0,
        completion: 120,
      });
    }
  });
});
