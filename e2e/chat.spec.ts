import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { appAlert, chooseModel, expect, modelPicker, offeredModels, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";

const fmt = (n: number) => n.toLocaleString("en-US");

async function expectUsage(
  page: Page,
  usage: { promptTokens: number; completionTokens: number; reasoningTokens: number },
) {
  const footer = page.getByTestId("message-footer").last();
  await expect(footer.getByTestId("usage-prompt")).toHaveText(fmt(usage.promptTokens));
  await expect(footer.getByTestId("usage-completion")).toHaveText(fmt(usage.completionTokens));
  if (usage.reasoningTokens > 0) {
    await expect(footer.getByTestId("usage-reasoning")).toHaveText(fmt(usage.reasoningTokens));
  }
  await expect(footer.getByTestId("ttft")).toHaveText(/first token \d/);
  await expect(footer.getByTestId("speed")).toHaveText(/^\d+(\.\d)? tok\/s$/);
}

test("thinking streams live, collapses with its duration, and everything survives a reload", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Why is the sky blue? ${tag} [[sim:think-long]]`);

  const reasoning = page.getByTestId("reasoning");
  // While the model thinks, the block is open and its text grows.
  await expect(reasoning).toHaveAttribute("data-state", "open");
  await expect(reasoning.getByRole("button")).toHaveText(/Thinking…/);
  const early = (await reasoning.getByTestId("reasoning-text").textContent()) ?? "";
  await expect
    .poll(async () => ((await reasoning.getByTestId("reasoning-text").textContent()) ?? "").length)
    .toBeGreaterThan(early.length);
  await page.screenshot({ path: test.info().outputPath("thinking-live.png") });

  // Once the answer streams, the thinking collapses to its duration.
  const answer = page.getByTestId("answer");
  await expect(answer).toContainText("Here is my answer about");
  await expect(reasoning).toHaveAttribute("data-state", "closed");
  await expect(reasoning.getByRole("button")).toHaveText(/Thought for \d+(\.\d+)? s/);
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);

  // Usage is exactly what the platform reported in its final chunk.
  const { body, plan } = await upstreamCall(tag);
  expect(body.enable_thinking).toBe(true);
  expect(body.stream).toBe(true);
  await expectUsage(page, plan.usage);
  await expect(answer).toContainText(`It comes from glm-5.1`);
  // Its reasoning-token count, once the platform has reported it.
  await expect(reasoning.getByRole("button")).toHaveText(
    new RegExp(`Thought for .+ · ${fmt(plan.usage.reasoningTokens)} tokens$`),
  );

  const before = {
    answer: (await answer.textContent()) ?? "",
    thought: (await reasoning.getByRole("button").textContent()) ?? "",
    footer: (await page.getByTestId("message-footer").textContent()) ?? "",
  };
  await page.screenshot({ path: test.info().outputPath("answer-done.png") });

  // The sidebar lists the conversation, titled from the first message.
  await expect(page.getByTestId("conversation-list").getByRole("link").first()).toContainText("Why is the sky blue");

  await page.reload();
  await expect(page.getByTestId("answer")).toHaveText(before.answer);
  await expect(page.getByTestId("reasoning")).toHaveAttribute("data-state", "closed");
  await expect(page.getByTestId("reasoning").getByRole("button")).toHaveText(before.thought);
  await expect(page.getByTestId("message-footer")).toHaveText(before.footer);
  await expectUsage(page, plan.usage);

  // The thinking can be reopened after reload, with its full text.
  await page.getByTestId("reasoning").getByRole("button").click();
  await expect(page.getByTestId("reasoning-text")).toHaveText(plan.reasoning.join(""));
});

test("thinking off is sent upstream and the answer has no thinking block", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  await send(page, `Quick one ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("Done.");
  const { body, plan } = await upstreamCall(tag);
  expect(body.enable_thinking).toBe(false);
  await expect(page.getByTestId("reasoning")).toHaveCount(0);
  await expectUsage(page, plan.usage);

  // A second turn in the same conversation sends the history along.
  const tag2 = randomUUID().slice(0, 8);
  await send(page, `And another ${tag2}`);
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await expect(page.getByTestId("answer").last()).toContainText("Done.");
  const second = await upstreamCall(tag2);
  expect(second.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  await page.reload();
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await expect(page.getByRole("switch", { name: "Thinking" })).not.toBeChecked();
});

test("Stop ends the answer, keeps what arrived, and a reload shows it as stopped", async ({ page }) => {
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  await send(page, `Tell me a long story ${randomUUID().slice(0, 8)} [[sim:slow]]`);
  const answer = page.getByTestId("answer");
  await expect(answer).toContainText("It comes from");
  await page.getByRole("button", { name: "Stop" }).click();

  await expect(page.getByTestId("status-stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  // The Stop button is gone: the focus is where the next message is typed.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();
  // Once the server has settled the stopped answer, its (estimated) usage shows without a reload.
  await expect(page.getByTestId("usage")).toContainText("(estimated)");
  const partial = (await answer.textContent()) ?? "";
  expect(partial).toContain("Here is my answer");
  // The simulator would have sent ten copies of the answer; we stopped well before that.
  expect(partial.split("Here is my answer").length - 1).toBeLessThan(10);
  await page.screenshot({ path: test.info().outputPath("stopped.png") });

  const footer = (await page.getByTestId("message-footer").textContent()) ?? "";
  await page.reload();
  await expect(page.getByTestId("status-stopped")).toBeVisible();
  await expect(page.getByTestId("answer")).toHaveText(partial);
  await expect(page.getByTestId("message-footer")).toHaveText(footer);
});

test("Esc stops the answer even when the focus is elsewhere", async ({ page }) => {
  await send(page, `Another long story ${randomUUID().slice(0, 8)} [[sim:slow]]`);
  await expect(page.getByTestId("answer")).toContainText("It comes from");
  await page.getByRole("heading", { level: 1 }).click(); // the composer loses focus
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("status-stopped")).toBeVisible();
});

test("an upstream error is shown with what to do, and kept", async ({ page }) => {
  await send(page, `Fail please ${randomUUID().slice(0, 8)} [[sim:error:401]]`);
  await expect(appAlert(page).first()).toContainText("The API key for DashScope was rejected");
  await page.reload();
  await expect(appAlert(page).first()).toContainText("ask an admin to update it");
});

test("a message over the size limit is caught in the composer and nothing typed is lost", async ({ page }) => {
  const text = "x".repeat(100_001);
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(appAlert(page)).toContainText("the limit is 100,000");
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  await expect(page.getByTestId("message")).toHaveCount(0);
  expect((await box.inputValue()).length).toBe(100_001);
});

test("when the session has expired, the first message says so and the chat keeps no dead address", async ({ page }) => {
  await page.context().clearCookies();
  await send(page, "Hello after a long lunch");
  await expect(appAlert(page)).toHaveText("Sign in to continue.");
  await expect(page).toHaveURL(/\/$/);
  // Nothing typed is lost: the refused message is back in the composer, not left in the chat.
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("Hello after a long lunch");
  await expect(page.getByTestId("message")).toHaveCount(0);
});

test("a refused message does not break the conversation: the next one goes through", async ({ page }) => {
  await send(page, `Start ${randomUUID().slice(0, 6)}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  // A model the platform does not serve (as after an admin removed it) is refused by the server.
  await page.route("**/api/chat", (route) =>
    route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), model: "glm-3-turbo" }) }),
  );
  await send(page, "This one is refused");
  await expect(appAlert(page)).toContainText("is not offered on DashScope");
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue("This one is refused");
  await page.unroute("**/api/chat");
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
});

test("when the chosen model stays unavailable, a fallback answers and says so", async ({ page }) => {
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  await send(page, `Anyone there? ${randomUUID().slice(0, 8)} [[sim:down:glm-5.1]]`);
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-4.7");
  const answered = page.getByTestId("answered-model");
  await expect(answered).toHaveText("glm-4.7 (instead of glm-5.1, which was unavailable)");
  await page.reload();
  await expect(page.getByTestId("answered-model")).toHaveText("glm-4.7 (instead of glm-5.1, which was unavailable)");
});

test("with two platforms configured, the picker groups models by platform and each gets its own protocol", async ({
  page,
}) => {
  const offered = await offeredModels(page);
  expect(offered).toEqual(expect.arrayContaining(["GLM-5.1 · DashScope", "GLM-4.7 · Zhipu BigModel"]));
  await chooseModel(page, "GLM-4.7 · Zhipu BigModel");
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  const tag = randomUUID().slice(0, 8);
  await send(page, `Via BigModel ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-4.7");
  const { path, body, plan } = await upstreamCall(tag);
  expect(path).toBe("/api/paas/v4/chat/completions");
  expect(body.thinking).toEqual({ type: "disabled" });
  expect(body.enable_thinking).toBeUndefined();
  // BigModel puts usage in its finish chunk; the footer shows it all the same.
  await expect(page.getByTestId("usage-prompt")).toHaveText(fmt(plan.usage.promptTokens));
  await expect(page.getByTestId("usage-completion")).toHaveText(fmt(plan.usage.completionTokens));
  await expect(page.getByText("via Zhipu BigModel")).toBeVisible();

  await page.reload();
  await expect(modelPicker(page)).toHaveAccessibleName("Model: GLM-4.7 · Zhipu BigModel");
});

test("Runware's task API streams thinking and an answer like any other platform", async ({ page }) => {
  await chooseModel(page, "GLM-5.1 · Runware");
  const tag = randomUUID().slice(0, 8);
  await send(page, `Via Runware ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("It comes from zai:glm@5.1");
  await expect(page.getByTestId("reasoning").getByRole("button")).toHaveText(/Thought for/);
  const { path, body, plan } = await upstreamCall(tag);
  expect(path).toBe("/v1");
  expect((body as unknown as { taskType: string; settings: object }[])[0]).toMatchObject({
    taskType: "textInference",
    deliveryMethod: "stream",
    settings: { thinkingLevel: "high" },
  });
  await expect(page.getByTestId("usage-completion")).toHaveText(fmt(plan.usage.completionTokens));
  await expect(page.getByTestId("usage-reasoning")).toHaveText(fmt(plan.usage.reasoningTokens));
});
