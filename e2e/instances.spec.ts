import { type AppInstance, freshDatabase, startApp } from "../test/app-instance";
import { startRedis, type TestRedis } from "../test/redis-server";
import { expect, signUp, anonymousTest as test } from "./fixtures";
import { savedAnswers, startSlowStory } from "./saved-answers";
import { ADMIN, APP_ENV, SIM_PLATFORM_ENV, SIM_URL } from "./servers";

// Two app processes on one database and one Redis (REDIS_URL), as Docker replicas or Vercel
// run the app: an answer written by one is followed and stopped from the other. Each instance is
// the production build, started here (test/app-instance) with a real redis-server.

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
  const { tag, conversationId } = await startSlowStory(first);

  // Instance 2 opens the same conversation and follows the answer instance 1 is writing: from
  // its start (what instance 1 wrote before), then live.
  const second = await context.newPage();
  await second.goto(`${two.url}/chat/${conversationId}`);
  const followed = second.getByTestId("message").last();
  await expect(followed).toHaveAttribute("data-status", "streaming");
  const secondAnswer = followed.getByTestId("answer");
  await expect(secondAnswer).toContainText("It comes from");
  const atFirst = (await secondAnswer.textContent()) ?? "";
  expect(atFirst.startsWith(`Here is my answer about "Tell me a long story ${tag}".`)).toBe(true);
  await expect.poll(async () => ((await secondAnswer.textContent()) ?? "").length).toBeGreaterThan(atFirst.length);

  // Stop, on instance 2.
  await second.getByRole("button", { name: "Stop" }).click();

  // Both pages: the answer ends Stopped, with its (estimated) usage, the same words.
  for (const page of [first, second]) {
    await expect(page.getByTestId("status-stopped")).toBeVisible();
    await expect(page.getByTestId("usage")).toContainText("(estimated)");
  }
  const partial = (await first.getByTestId("answer").textContent()) ?? "";
  expect(partial.split("Here is my answer").length - 1).toBeLessThan(10);
  await expect(secondAnswer).toHaveText(partial);

  // Saved once: one answer, stopped, with what both viewers saw; billed once, by estimate.
  const answers = await savedAnswers(databaseUrl, conversationId);
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  expect(answer.status).toBe("stopped");
  // The page renders the Markdown the row keeps: the same characters, less its marks and spaces.
  const bare = (text: string) => text.replace(/[\s*-]/g, "");
  expect(bare(answer.text)).toBe(bare(partial));
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
