import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness } from "@/test/turn-harness";

// The official `@anthropic-ai/sdk` client against lib/gateway's Anthropic handlers over HTTP (the
// simulator behind them as DashScope): what Claude Code and other Anthropic-protocol tools use.
// The key check (lib/keys) is not part of this: every request is the test user's, with a key row
// of theirs. The client's base URL is the site: it appends /v1/messages itself.

const harness = setUpTurnHarness();
let server: Server;
let client: Anthropic;
let keyId: string;

beforeAll(async () => {
  const { mod, alice } = harness as TurnHarness;
  const { messages } = await import("./messages");
  const { countMessageTokens } = await import("./count-tokens");
  keyId = (
    await mod.db.apiKey.create({ data: { userId: alice, name: "sdk", keyHash: "anthropic-sdk", prefix: "glm_sdk" } })
  ).id;
  server = createServer(async (req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? (Readable.toWeb(req) as ReadableStream) : undefined,
      signal: abort.signal,
      duplex: "half",
    } as RequestInit);
    const path = req.url?.split("?")[0];
    const response =
      path === "/v1/messages/count_tokens"
        ? await countMessageTokens(request)
        : path === "/v1/messages"
          ? await messages({ userId: alice, keyId }, request)
          : new Response("not found", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    const reader = response.body?.getReader();
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      res.write(next.value);
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: "glm_test", maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const weather: Anthropic.Tool = {
  name: "get_weather",
  description: "The weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

describe("the official @anthropic-ai/sdk client", () => {
  it("gets a whole message with its thinking block and usage, and streams the same", async () => {
    const request = {
      model: "glm-5.1",
      max_tokens: 2048,
      system: "Be brief.",
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "Hello" }],
    } satisfies Anthropic.MessageCreateParamsNonStreaming;
    const whole = await client.messages.create(request);
    expect(whole.type).toBe("message");
    expect(whole.stop_reason).toBe("end_turn");
    expect(whole.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    const [thinking, text] = whole.content as [Anthropic.ThinkingBlock, Anthropic.TextBlock];
    expect(thinking.thinking).not.toBe("");
    expect(text.text).toContain("Here is my answer");
    expect(whole.usage.input_tokens).toBeGreaterThan(0);
    expect(whole.usage.output_tokens).toBeGreaterThan(0);

    const stream = client.messages.stream(request);
    let streamedText = "";
    let streamedThinking = "";
    stream.on("text", (delta) => {
      streamedText += delta;
    });
    stream.on("thinking", (delta) => {
      streamedThinking += delta;
    });
    const final = await stream.finalMessage();
    expect(streamedText).toBe(text.text);
    expect(streamedThinking).toBe(thinking.thinking);
    expect(final.content).toEqual(whole.content);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage).toMatchObject({
      input_tokens: whole.usage.input_tokens,
      output_tokens: whole.usage.output_tokens,
    });
  });

  it("runs a tool round trip: tool_use (input streamed), the client's tool_result, the final text", async () => {
    const messages: Anthropic.MessageParam[] = [
      { role: "user", content: "Weather in Paris? [[sim:tool:get_weather]]" },
    ];
    const stream = client.messages.stream({
      model: "glm-5.1",
      max_tokens: 2048,
      thinking: { type: "enabled", budget_tokens: 1024 },
      tools: [weather],
      messages,
    });
    let partialJson = "";
    stream.on("inputJson", (delta) => {
      partialJson += delta;
    });
    const asked = await stream.finalMessage();
    expect(asked.stop_reason).toBe("tool_use");
    expect(asked.content[0].type).toBe("thinking");
    const use = asked.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
    if (!use) throw new Error("no tool_use block");
    expect(use.name).toBe("get_weather");
    expect(JSON.parse(partialJson)).toEqual(use.input);
    const { city } = use.input as { city: string };

    messages.push({ role: "assistant", content: asked.content });
    messages.push({
      role: "user",
      content: [{ type: "tool_result", tool_use_id: use.id, content: `Sunny in ${city}` }],
    });
    const answer = await client.messages.create({ model: "glm-5.1", max_tokens: 2048, tools: [weather], messages });
    expect(answer.stop_reason).toBe("end_turn");
    const text = answer.content.find((b): b is Anthropic.TextBlock => b.type === "text");
    expect(text?.text).toContain(`The get_weather tool returned: Sunny in ${city}`);
  });

  it("throws the SDK's typed errors: NotFoundError for a model, BadRequestError for a body", async () => {
    await expect(
      client.messages.create({ model: "glm-9", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    const bad = await client.messages
      .create({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] } as never)
      .catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(Anthropic.BadRequestError);
    expect((bad as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error" },
    });
  });

  it("counts a request's input tokens", async () => {
    const short = await client.messages.countTokens({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] });
    const long = await client.messages.countTokens({
      model: "glm-5.1",
      system: "Be brief.",
      tools: [weather],
      messages: [{ role: "user", content: "Hello there, what is the weather in Paris today?" }],
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
  });
});
