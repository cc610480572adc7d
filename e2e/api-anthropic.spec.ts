import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { APP_URL } from "./servers";
import { reportedUsage } from "./simulator";

// The team's GLM API through Anthropic's protocol (issue #17), as Claude Code would call it: the
// official `@anthropic-ai/sdk` against the built app with a personal key, base URL the site itself.

async function makeKey(page: Page): Promise<string> {
  const made = await page.request.post("/api/keys", { data: { name: `claude ${randomUUID().slice(0, 6)}` } });
  expect(made.status()).toBe(201);
  return ((await made.json()) as { key: string }).key;
}

const weather: Anthropic.Tool = {
  name: "get_weather",
  description: "The weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

test("the official Anthropic client streams thinking and text, runs a tool round trip and counts tokens", async ({
  page,
}) => {
  const client = new Anthropic({ baseURL: APP_URL, authToken: await makeKey(page), apiKey: null, maxRetries: 0 });
  const tag = randomUUID().slice(0, 8);

  const stream = client.messages.stream({
    model: "glm-5.1",
    max_tokens: 2048,
    thinking: { type: "enabled", budget_tokens: 1024 },
    messages: [{ role: "user", content: `Stream ${tag}` }],
  });
  const events: string[] = [];
  stream.on("streamEvent", (event) => events.push(event.type));
  const message = await stream.finalMessage();
  expect(events[0]).toBe("message_start");
  expect(events.at(-1)).toBe("message_stop");
  expect(message.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  expect((message.content[1] as Anthropic.TextBlock).text).toContain("Here is my answer");
  expect(message.stop_reason).toBe("end_turn");
  const [reported] = await reportedUsage(`Stream ${tag}`);
  expect(message.usage.output_tokens).toBe(reported.output);

  // The model asks for the tool, the client runs it and sends the result back.
  const question: Anthropic.MessageParam = { role: "user", content: "Weather in Paris? [[sim:tool:get_weather]]" };
  const asked = await client.messages.create({
    model: "glm-5.1",
    max_tokens: 1024,
    tools: [weather],
    messages: [question],
  });
  expect(asked.stop_reason).toBe("tool_use");
  const call = asked.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
  expect(call?.name).toBe("get_weather");
  const answered = await client.messages.create({
    model: "glm-5.1",
    max_tokens: 1024,
    tools: [weather],
    messages: [
      question,
      { role: "assistant", content: asked.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: call?.id ?? "", content: "Sunny, 21 °C" }] },
    ],
  });
  expect(answered.stop_reason).toBe("end_turn");
  expect(answered.content.map((b) => (b.type === "text" ? b.text : "")).join("")).toContain("Sunny, 21 °C");

  const counted = await client.messages.countTokens({ model: "glm-5.1", messages: [question] });
  expect(counted.input_tokens).toBeGreaterThan(5);
});

test("a wrong key gets Anthropic's authentication error", async () => {
  const client = new Anthropic({ baseURL: APP_URL, apiKey: `glmc_${"x".repeat(43)}`, maxRetries: 0 });
  await expect(
    client.messages.create({ model: "glm-5.1", max_tokens: 64, messages: [{ role: "user", content: "Hi" }] }),
  ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
});
