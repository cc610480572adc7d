import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { type AppInstance, freshDatabase, startApp } from "../scripts/testing/app-instance";
import { startRedis, type TestRedis } from "../scripts/testing/redis-server";
import { expect, send, signUp, anonymousTest as test } from "./fixtures";
import { conversationIdOf, savedAnswers } from "./saved-answers";
import { ADMIN, APP_ENV, SIM_PLATFORM_ENV, SIM_URL } from "./servers";

// Two app processes on one database and one Redis (REDIS_URL), as Docker replicas or Vercel
// run the app: an answer written by one is followed and stopped from the other. Each instance is
// the production build, started here (scripts/testing/app-instance) with a real redis-server.

let redis: TestRedis | undefined;
let databaseUrl: string;
let instances: AppInstance[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedis();
  databaseUrl = await freshDatabase("data/e2e/instances.db", { admin: ADMIN, signUp: "open" });
  const env = { ...APP_ENV, ...SIM_PLATFORM_ENV, REDIS_URL: redis.url };
  instances = await Promise.all([startApp({ databaseUrl, env }), startApp({ databaseUrl, env })]);
});

test.afterAll(async () => {
  await Promise.all(instances.map((app) => app.stop()));
  await redis?.stop();
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [i, app] of instances.entries()) await testInfo.attach(`instance-${i + 1}.log`, { body: app.log() });
});

interface Followed {
  status: number;
  chunks: { type: string; delta?: string; messageId?: string }[];
  done: boolean;
}

/** The page follows the answer being written in the conversation, as the AI SDK's resumeStream does. */
async function follow(page: Page, conversationId: string): Promise<void> {
  await page.evaluate((id) => {
    const state: Followed = { status: 0, chunks: [], done: false };
    (window as unknown as { followed: Followed }).followed = state;
    void fetch(`/api/chat/${id}/stream`).then(async (res) => {
      state.status = res.status;
      const reader = res.body?.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        const events = buffer.split("\n\n");
        buffer = events.pop() ?? "";
        for (const event of events) {
          const data = event.replace(/^data: /, "");
          if (data.startsWith("{")) state.chunks.push(JSON.parse(data));
        }
      }
      state.done = true;
    });
  }, conversationId);
}

function followed(page: Page): Promise<Followed> {
  return page.evaluate(() => (window as unknown as { followed: Followed }).followed);
}

const textOf = (f: Followed) =>
  f.chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => c.delta)
    .join("");

test("an answer written on one instance is followed live and stopped from another: it ends Stopped everywhere, saved and billed once", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [one, two] = instances;
  // One browser: its session cookie (127.0.0.1, any port) is valid on both, as AUTH_SECRET and
  // the database are shared.
  const context = await browser.newContext({ baseURL: one.url });
  const first = await context.newPage();
  await signUp(first);
  await first.getByRole("checkbox", { name: "Thinking" }).uncheck();
  const tag = randomUUID().slice(0, 8);
  await send(first, `Tell me a long story ${tag} [[sim:slow]]`);
  await expect(first.getByTestId("answer")).toContainText("It comes from");
  const conversationId = conversationIdOf(first.url());

  // Instance 2 opens the same conversation and follows the answer instance 1 is writing.
  const second = await context.newPage();
  await second.goto(`${two.url}/chat/${conversationId}`);
  await expect(second.getByRole("textbox", { name: "Message" })).toBeVisible();
  await follow(second, conversationId);
  // From its start (what instance 1 wrote before), then live: more text arrives.
  await expect.poll(async () => (await followed(second)).status).toBe(200);
  await expect.poll(async () => textOf(await followed(second))).toContain("It comes from");
  const atFirst = textOf(await followed(second));
  expect(atFirst.startsWith(`Here is my answer about "Tell me a long story ${tag}".`)).toBe(true);
  await expect.poll(async () => textOf(await followed(second)).length).toBeGreaterThan(atFirst.length);

  // Stop, from instance 2 (what its Stop button sends).
  const stopped = await second.evaluate(
    (id) => fetch(`/api/chat/${id}/stream`, { method: "DELETE" }).then((res) => res.json()),
    conversationId,
  );
  expect(stopped).toEqual({ stopped: true });

  // Instance 1's page: the answer ends Stopped, with its (estimated) usage.
  await expect(first.getByTestId("status-stopped")).toBeVisible();
  await expect(first.getByTestId("usage")).toContainText("(estimated)");
  const partial = (await first.getByTestId("answer").textContent()) ?? "";
  expect(partial.split("Here is my answer").length - 1).toBeLessThan(10);
  // Instance 2's stream ends too, saying it was stopped.
  await expect.poll(async () => (await followed(second)).done).toBe(true);
  const seen = await followed(second);
  expect(seen.chunks.map((c) => c.type)).toContain("abort");

  // Saved once: one answer, stopped, with what both viewers saw; billed once, by estimate.
  const answers = await savedAnswers(databaseUrl, conversationId);
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  expect(answer.status).toBe("stopped");
  expect(answer.text).toBe(textOf(seen));
  expect(seen.chunks[0]).toMatchObject({ type: "start", messageId: answer.id });
  expect(answer.usage.filter((u) => u.purpose === "answer")).toEqual([
    { purpose: "answer", estimated: true, outputTokens: expect.any(Number) },
  ]);
  expect(answer.usage[0].outputTokens).toBeGreaterThan(0);
  // The model was asked once (the title request aside): instance 2 only relayed.
  const requests = (await (await fetch(`${SIM_URL}/__sim/requests`)).json()) as { body: unknown }[];
  const asked = requests
    .map((r) => JSON.stringify(r.body ?? ""))
    .filter((body) => body.includes(tag) && !body.includes("Reply with only a title"));
  expect(asked).toHaveLength(1);

  // Instance 2's page, reloaded, shows the same stopped answer.
  await second.reload();
  await expect(second.getByTestId("status-stopped")).toBeVisible();
  await expect(second.getByTestId("answer")).toHaveText(partial);
  await expect(second.getByTestId("usage")).toHaveText((await first.getByTestId("usage").textContent()) ?? "");
  await context.close();
});
