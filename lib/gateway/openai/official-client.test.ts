import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness } from "@/test/turn-harness";

// The official `openai` client against lib/gateway's handlers over HTTP (the simulator behind
// them as DashScope): what a team's scripts and tools would use. The key check (lib/keys) is not
// part of this: every request is the test user's, with a key row of theirs.

const harness = setUpTurnHarness();
let server: Server;
let client: OpenAI;

beforeAll(async () => {
  const { mod, alice } = harness as TurnHarness;
  const { chatCompletions } = await import("./chat-completions");
  const { modelList } = await import("./list-models");
  const keyId = (
    await mod.db.apiKey.create({ data: { userId: alice, name: "sdk", keyHash: "sdk", prefix: "glm_sdk" } })
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
    const response = req.url?.endsWith("/models")
      ? await modelList()
      : await chatCompletions({ userId: alice, keyId }, request);
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
  client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "glm_test", maxRetries: 0 });
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe("the official openai client", () => {
  it("lists the models", async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain("glm-5.1");
  });

  it("gets a whole answer, and streams one with its usage", async () => {
    const whole = await client.chat.completions.create({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Hello" }],
    });
    expect(whole.choices[0].message.content).toContain("Here is my answer");
    expect(whole.usage?.total_tokens).toBeGreaterThan(0);

    const stream = await client.chat.completions.create({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Hello" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let reasoning = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      text += delta?.content ?? "";
      reasoning += delta?.reasoning_content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(whole.choices[0].message.content);
    expect(reasoning).not.toBe("");
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it("throws the SDK's typed errors: NotFoundError, BadRequestError", async () => {
    await expect(
      client.chat.completions.create({ model: "glm-9", messages: [{ role: "user", content: "Hi" }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      client.chat.completions.create({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }], n: 3 }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("runs a tool loop with the SDK's own helper", async () => {
    const runner = client.chat.completions.runTools({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Weather in Paris? [[sim:tool:get_weather]]" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "The weather in a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            function: (args: { city: string }) => `Sunny in ${args.city}`,
            parse: JSON.parse,
          },
        },
      ],
    });
    const content = await runner.finalContent();
    expect(content).toContain("The get_weather tool returned: Sunny in");
  });
});
