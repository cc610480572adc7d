import { readFileSync } from "node:fs";
import { type AppInstance, freshDatabase, startApp } from "../test/app-instance";
import { portIsFree } from "../test/free-port";
import { expect, signUp, anonymousTest as test } from "./fixtures";
import { savedAnswers, startSlowStory } from "./saved-answers";
import { ADMIN, APP_ENV, SIM_PLATFORM_ENV } from "./servers";
import { upstreamCall } from "./simulator";

// A server killed mid-answer (SIGKILL: no shutdown code runs, as in a crash or an OOM kill), on
// the embedded default (one process, no Redis). Started again on the same database, it shows the
// answer as interrupted with the text of its last checkpoint, billed by estimate, and the user
// can regenerate it.

const env = { ...APP_ENV, ...SIM_PLATFORM_ENV };
let app: AppInstance | undefined;
let logs = "";

test.afterEach(async () => {
  await app?.stop();
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach("app.log", { body: logs + (app?.log() ?? "") });
});

test("an answer whose server was killed shows as interrupted with its last checkpoint, billed by estimate, and can be regenerated", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const databaseUrl = await freshDatabase("data/e2e/crash.db", { admin: ADMIN, signUp: "open" });
  app = await startApp({ databaseUrl, env });
  const { port } = app;
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await signUp(page);
  const { tag, conversationId } = await startSlowStory(page);

  // Mid-answer, once checkpoints (every 4 s) have saved part of it: a few sentences of ten.
  const copies = (text: string) => text.split("It comes from").length - 1;
  await expect
    .poll(async () => copies((await savedAnswers(databaseUrl, conversationId))[0]?.text ?? ""), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  // The process killed is the Next.js server itself (no wrapper that would survive it).
  expect(readFileSync(`/proc/${app.pid}/comm`, "utf8")).toMatch(/^next-server/);
  expect(await app.kill()).toBe("SIGKILL");
  logs = app.log();
  expect(await portIsFree(port)).toBe(true);

  const [checkpoint] = await savedAnswers(databaseUrl, conversationId);
  expect(checkpoint.status).toBe("streaming");
  const full = (await upstreamCall(tag)).plan.content.join("");
  expect(checkpoint.text.length).toBeGreaterThan(0);
  expect(checkpoint.text.length).toBeLessThan(full.length);
  expect(full.startsWith(checkpoint.text)).toBe(true);

  // Started again on the same database: the answer is interrupted, with what the checkpoint had.
  app = await startApp({ databaseUrl, env, port });
  const answer = page.getByTestId("message").filter({ has: page.getByTestId("answer") });
  await expect(async () => {
    await page.reload();
    await expect(answer).toHaveAttribute("data-status", "interrupted", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(answer.getByRole("alert")).toContainText("The server stopped while this answer was being written");
  const shown = (await answer.getByTestId("answer").textContent()) ?? "";
  expect(shown.startsWith(`Here is my answer about "Tell me a long story ${tag}".`)).toBe(true);
  expect(copies(shown)).toBe(copies(checkpoint.text));
  await expect(answer.getByTestId("usage")).toContainText("(estimated)");

  const [interrupted] = await savedAnswers(databaseUrl, conversationId);
  expect(interrupted).toMatchObject({ id: checkpoint.id, status: "interrupted", text: checkpoint.text });
  expect(interrupted.usage).toEqual([{ purpose: "answer", estimated: true, outputTokens: expect.any(Number) }]);
  expect(interrupted.usage[0].outputTokens).toBeGreaterThan(0);

  // Regenerate asks again: a new answer is written to its end.
  await answer.getByRole("button", { name: "Regenerate" }).click();
  const again = page.getByTestId("message").last();
  await expect(again).toHaveAttribute("data-status", "streaming");
  await expect(again).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  expect(copies((await again.getByTestId("answer").textContent()) ?? "")).toBe(10);
  const saved = await savedAnswers(databaseUrl, conversationId);
  expect(saved.map((a) => a.status)).toEqual(["interrupted", "done"]);
  await context.close();
});
