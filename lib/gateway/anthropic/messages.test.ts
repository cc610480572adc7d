import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setUpTurnHarness, type TurnHarness } from "@/test/turn-harness";
import { planResponse } from "../../../scripts/simulator/scenario";

// POST /v1/messages through lib/gateway against the simulator (as DashScope's compatible mode)
// and a real SQLite file: what the client receives, what the platform was sent, and the ledger
// rows, which name the key. Then the routes themselves, with a real key in x-api-key or Bearer.

const harness = setUpTurnHarness();
let sim: TurnHarness["sim"];
let mod: TurnHarness["mod"];
let alice: string;
let messages: typeof import("./messages").messages;
let aliceKey: string;

beforeAll(async () => {
  ({ sim, mod, alice } = harness);
  ({ messages } = await import("./messages"));
  aliceKey = (
    await mod.db.apiKey.create({ data: { userId: alice, name: "test", keyHash: randomUUID(), prefix: "glm_test" } })
  ).id;
});

const post = (body: unknown) =>
  messages(
    { userId: alice, keyId: aliceKey },
    new Request("http://localhost/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

/** The streamed events: each an `event:` line naming the type the data has. */
function eventsOf(sse: string): { type: string; [key: string]: unknown }[] {
  return sse
    .split("\n\n")
    .filter(Boolean)
    .map((raw) => {
      const [eventLine, dataLine] = raw.split("\n");
      const data = JSON.parse(dataLine.replace(/^data: /, ""));
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
}

const rowsOf = (keyId: string) => mod.db.usage.findMany({ where: { apiKeyId: keyId }, orderBy: { createdAt: "asc" } });

describe("POST /v1/messages", () => {
  it("answers whole with thinking and text blocks and the platform's usage, billed to the key", async () => {
    const before = (await rowsOf(aliceKey)).length;
    const res = await post({
      model: "glm-5.1",
      max_tokens: 1000,
      system: "Be brief.",
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "Why is the sea salty?" }],
    });
    expect(res.status).toBe(200);
    const plan = planResponse({
      model: "glm-5.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Why is the sea salty?" },
      ],
      thinking: true,
    });
    const body = await res.json();
    expect(body).toMatchObject({
      type: "message",
      role: "assistant",
      model: "glm-5.1",
      content: [
        { type: "thinking", thinking: plan.reasoning.join(""), signature: "" },
        { type: "text", text: plan.content.join("") },
      ],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: plan.usage.promptTokens, output_tokens: plan.usage.completionTokens },
    });
    expect(body.id).toMatch(/^msg_/);
    expect(sim.requests.at(-1)?.body).toMatchObject({ model: "glm-5.1", enable_thinking: true, max_tokens: 1000 });
    const rows = await rowsOf(aliceKey);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ userId: alice, purpose: "api", apiKeyId: aliceKey, requestedModel: "glm-5.1" });
  });

  it("streams the Messages API's event sequence, with the usage in message_delta", async () => {
    const res = await post({
      model: "glm-5.1",
      max_tokens: 1000,
      stream: true,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "Stream it" }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = eventsOf(await res.text());
    const kinds = events.map((e) => e.type).filter((t, i, all) => t !== "content_block_delta" || all[i - 1] !== t);
    expect(kinds).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const plan = planResponse({ model: "glm-5.1", messages: [{ role: "user", content: "Stream it" }], thinking: true });
    expect(events.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: {
        input_tokens: plan.usage.promptTokens,
        output_tokens: plan.usage.completionTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it("switches thinking off, and sends temperature, top_p and max_tokens", async () => {
    const res = await post({
      model: "glm-5.1",
      max_tokens: 500,
      thinking: { type: "disabled" },
      temperature: 0.3,
      top_p: 0.9,
      metadata: { user_id: "someone" },
      messages: [{ role: "user", content: "Cool" }],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.content.map((b: { type: string }) => b.type)).toEqual(["text"]);
    expect(sim.requests.at(-1)?.body).toMatchObject({
      enable_thinking: false,
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 500,
    });
  });

  it("sends stop_sequences where the platform takes them; the answer ends before the stop", async () => {
    vi.stubEnv("GLM_BASE_URL", sim.baseURL.replace("/compatible-mode/v1", "/v1"));
    vi.stubEnv("GLM_PLATFORM", "openai-compatible");
    try {
      const res = await post({
        model: "glm-4.5-air",
        max_tokens: 500,
        stop_sequences: ["comes from"],
        thinking: { type: "disabled" },
        messages: [{ role: "user", content: "Stop early" }],
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.content[0].text).toContain('Here is my answer about "Stop early"');
      expect(body.content[0].text).not.toContain("comes from");
      // The platform says "stop" either way: end_turn (stop_sequence is not told apart).
      expect(body.stop_reason).toBe("end_turn");
      expect(sim.requests.at(-1)?.body).toMatchObject({ stop: ["comes from"] });
    } finally {
      vi.stubEnv("GLM_BASE_URL", sim.baseURL);
      vi.stubEnv("GLM_PLATFORM", "");
    }
  });

  it("refuses in Anthropic's shape: no max_tokens, an image, a server tool (400), an unknown model (404)", async () => {
    const cases: [unknown, number, string][] = [
      [{ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] }, 400, "invalid_request_error"],
      ["{not json", 400, "invalid_request_error"],
      [
        {
          model: "glm-5.1",
          max_tokens: 10,
          messages: [
            {
              role: "user",
              content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } }],
            },
          ],
        },
        400,
        "invalid_request_error",
      ],
      [
        {
          model: "glm-5.1",
          max_tokens: 10,
          tools: [{ type: "web_search_20250305", name: "web_search" }],
          messages: [{ role: "user", content: "Hi" }],
        },
        400,
        "invalid_request_error",
      ],
      [{ model: "glm-9", max_tokens: 10, messages: [{ role: "user", content: "Hi" }] }, 404, "not_found_error"],
    ];
    const sent = sim.requests.length;
    for (const [body, status, type] of cases) {
      const res = await post(body);
      expect(res.status).toBe(status);
      const error = await res.json();
      expect(error).toMatchObject({ type: "error", error: { type } });
      expect(error.error.message).toEqual(expect.any(String));
    }
    expect(sim.requests.length).toBe(sent);
  });
});

describe("POST /v1/messages when the platform fails", () => {
  it("answers a refusal before the first token with its status, in Anthropic's shape", async () => {
    const res = await post({
      model: "glm-5.1",
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user", content: "Hi [[sim:error:401]]" }],
    });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "api_error" } });
  });

  it("ends a stream the platform dropped with an error event and no message_stop, and bills what arrived", async () => {
    const before = (await rowsOf(aliceKey)).length;
    const res = await post({
      model: "glm-5.1",
      max_tokens: 1000,
      stream: true,
      thinking: { type: "disabled" },
      messages: [{ role: "user", content: "Tell me [[sim:drop:4]]" }],
    });
    expect(res.status).toBe(200);
    const events = eventsOf(await res.text());
    expect(events[0].type).toBe("message_start");
    expect(events.some((e) => e.type === "message_stop")).toBe(false);
    expect(events.at(-1)).toMatchObject({
      type: "error",
      error: { type: expect.any(String), message: expect.any(String) },
    });
    const until = Date.now() + 5000;
    let rows = await rowsOf(aliceKey);
    while (rows.length <= before && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 25));
      rows = await rowsOf(aliceKey);
    }
    expect(rows.at(-1)).toMatchObject({ purpose: "api", apiKeyId: aliceKey, estimated: true });
  });
});

describe("the routes, with a real key", () => {
  it("answers /v1/messages with the key in x-api-key or Bearer, 401 authentication_error without", async () => {
    const { POST } = await import("@/app/v1/messages/route");
    const { createApiKey } = await import("../../keys/keys");
    const { key } = await createApiKey(alice, { name: "Claude Code", expiresInDays: null });
    const body = JSON.stringify({ model: "glm-5.1", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] });
    const call = (headers: Record<string, string>) =>
      POST(new Request("http://localhost/v1/messages", { method: "POST", headers, body }));
    const viaHeader = await call({ "content-type": "application/json", "x-api-key": key });
    expect(viaHeader.status).toBe(200);
    expect((await viaHeader.json()).type).toBe("message");
    const viaBearer = await call({ "content-type": "application/json", authorization: `Bearer ${key}` });
    expect(viaBearer.status).toBe(200);
    const without = await call({ "content-type": "application/json", "x-api-key": "glmc_wrong" });
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
  });

  it("counts tokens at /v1/messages/count_tokens for a key, nothing sent to the platform", async () => {
    const { POST } = await import("@/app/v1/messages/count_tokens/route");
    const { createApiKey } = await import("../../keys/keys");
    const { key } = await createApiKey(alice, { name: "Counter", expiresInDays: null });
    const sent = sim.requests.length;
    const res = await POST(
      new Request("http://localhost/v1/messages/count_tokens", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ model: "glm-5.1", messages: [{ role: "user", content: "Hello there" }] }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: expect.any(Number) });
    expect(sim.requests.length).toBe(sent);
  });
});
