import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import OpenAI from "openai";
import { expect, signIn, test } from "./fixtures";
import { ADMIN, APP_URL } from "./servers";
import { reportedUsage } from "./simulator";

// The team's GLM API (issue #17) as a script or a coding tool uses it: the official `openai`
// client against the built app's /v1 with a personal key made over HTTP with the session.

/** A personal key of the signed-in user's, made with POST /api/keys (shown this once). */
async function makeKey(page: Page, name = `script ${randomUUID().slice(0, 6)}`) {
  const made = await page.request.post("/api/keys", { data: { name } });
  expect(made.status()).toBe(201);
  return (await made.json()) as { id: string; key: string };
}

const clientWith = (apiKey: string) => new OpenAI({ baseURL: `${APP_URL}/v1`, apiKey, maxRetries: 0 });

/** The OpenAI client's thinking switch for GLM platforms: a body field the SDK passes through. */
const thinking = { enable_thinking: true } as Record<string, unknown>;

test("the official openai client lists the models, and gets whole and streamed answers with thinking and usage", async ({
  page,
}) => {
  const client = clientWith((await makeKey(page)).key);

  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  expect(ids).toContain("glm-5.1");

  const tag = randomUUID().slice(0, 8);
  const whole = await client.chat.completions.create({
    model: "glm-5.1",
    messages: [{ role: "user", content: `Whole ${tag}` }],
    ...thinking,
  });
  const message = whole.choices[0].message as OpenAI.ChatCompletionMessage & { reasoning_content?: string };
  expect(message.content).toContain("Here is my answer");
  expect(message.reasoning_content).toBeTruthy();
  // The usage is the platform's, as it reported it.
  const [reported] = await reportedUsage(`Whole ${tag}`);
  expect(whole.usage?.prompt_tokens).toBe(reported.input);
  expect(whole.usage?.completion_tokens).toBe(reported.output);

  const stream = await client.chat.completions.create({
    model: "glm-5.1",
    messages: [{ role: "user", content: `Streamed ${tag}` }],
    stream: true,
    stream_options: { include_usage: true },
    ...thinking,
  });
  let text = "";
  let reasoning = "";
  let usage: OpenAI.CompletionUsage | null | undefined;
  let deltas = 0;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
    if (delta?.content) deltas++;
    text += delta?.content ?? "";
    reasoning += delta?.reasoning_content ?? "";
    usage = chunk.usage ?? usage;
  }
  expect(deltas).toBeGreaterThan(1);
  expect(text).toContain("Here is my answer");
  expect(reasoning).not.toBe("");
  expect(usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
});

test("a tool the client runs itself goes round trip, and n=2 gives two answers", async ({ page }) => {
  const client = clientWith((await makeKey(page)).key);
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
  expect(await runner.finalContent()).toContain("The get_weather tool returned: Sunny in");

  // Several answers from one call where the platform gives them (Runware), named by platform;
  // a platform that gives one says so.
  const two = await client.chat.completions.create({
    model: "glm-5.1@runware",
    messages: [{ role: "user", content: "Two takes [[sim:vary]]" }],
    n: 2,
  });
  expect(two.model).toBe("glm-5.1@runware");
  expect(two.choices.map((c) => c.index)).toEqual([0, 1]);
  expect(two.choices[0].message.content).not.toBe(two.choices[1].message.content);
  const one = await client.chat.completions
    .create({ model: "glm-5.1@dashscope", messages: [{ role: "user", content: "Two?" }], n: 2 })
    .catch((error: unknown) => error);
  expect(one).toBeInstanceOf(OpenAI.BadRequestError);
  expect((one as Error).message).toMatch(/n must be 1/);
});

test("a wrong key and a revoked key get 401; a used-up budget gets 429 with Retry-After and sends nothing", async ({
  page,
  browser,
  user,
}) => {
  await expect(clientWith(`glmc_${"x".repeat(43)}`).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

  const revoked = await makeKey(page);
  expect((await page.request.delete(`/api/keys/${revoked.id}`)).status()).toBe(204);
  await expect(
    clientWith(revoked.key).chat.completions.create({ model: "glm-5.1", messages: [{ role: "user", content: "Hi" }] }),
  ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

  const client = clientWith((await makeKey(page)).key);
  await client.chat.completions.create({ model: "glm-5.1", messages: [{ role: "user", content: "Spend a little" }] });
  // The admin gives this user a monthly budget of 20 tokens: already used up.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/admin/budgets");
  const row = admin.getByTestId("user-limits").filter({ hasText: user.email });
  await row.getByLabel("Tokens per month").fill("20");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText(`Limits saved for ${user.email}.`);
  await context.close();

  const tag = randomUUID().slice(0, 8);
  const refused = await client.chat.completions
    .create({ model: "glm-5.1", messages: [{ role: "user", content: `Over budget ${tag}` }] })
    .then(
      () => null,
      (error: unknown) => error,
    );
  expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
  expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
  expect(error.message).toMatch(/budget/i);
  expect(await reportedUsage(`Over budget ${tag}`)).toEqual([]);
});
