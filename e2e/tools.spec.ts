import { chooseModel, expect, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";
import { expectThinkingThenToolCall } from "./tool-turn";

// Thinking, then a tool call, on each protocol the main app is configured with: the card shows
// the tool, its arguments, its status and its result, and the model answers from the result.
// (DashScope's native protocol: e2e/admin.spec.ts, through a connection an admin adds.)

test("DashScope (OpenAI-compatible): thinks, calls a tool, answers from its result, and it all survives a reload", async ({
  page,
}) => {
  const tag = await expectThinkingThenToolCall(page);
  const { body } = await upstreamCall(tag);
  expect(body).toMatchObject({ enable_thinking: true, tool_stream: true });

  await page.reload();
  const card = page.getByTestId("tool-card");
  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await expect(card.getByTestId("tool-arguments")).toContainText("Asia/Shanghai");
  await expect(page.getByTestId("answer").last()).toContainText("The current_time tool returned:");
  // Usage covers both steps: the call and the answer after the result.
  await expect(page.getByTestId("usage-completion")).not.toHaveText("0");
});

test("Zhipu BigModel: thinking, then a tool call", async ({ page }) => {
  await chooseModel(page, "GLM-5.1 · Zhipu BigModel");
  const tag = await expectThinkingThenToolCall(page);
  expect((await upstreamCall(tag)).body).toMatchObject({ thinking: { type: "enabled" }, tool_stream: true });
});

test("Runware task API: thinking, then a tool call", async ({ page }) => {
  await chooseModel(page, "GLM-5.1 · Runware");
  const tag = await expectThinkingThenToolCall(page);
  const [task] = (await upstreamCall(tag)).body as unknown as { tools: { name?: string }[] }[];
  expect(task.tools.map((t) => t.name)).toContain("current_time");
});

test("with Tools off, no tool is offered and the model answers directly", async ({ page }) => {
  await page.getByRole("switch", { name: "Tools" }).uncheck();
  await send(page, "What time is it? [[sim:tool:current_time]] notools");
  await expect(page.getByTestId("answer")).toContainText("Done.");
  await expect(page.getByTestId("tool-card")).toHaveCount(0);
  expect((await upstreamCall("notools")).body).not.toHaveProperty("tools");
});

test("read_web_page refuses an internal address, and the card says why", async ({ page }) => {
  await send(page, `What is at "http://169.254.169.254/latest/meta-data/"? [[sim:tool:read_web_page]]`);
  const card = page.getByTestId("tool-card");
  await expect(card).toContainText("read_web_page");
  await expect(card.getByTestId("tool-status")).toHaveText("Error");
  await expect(card.getByTestId("tool-error")).toContainText("private or reserved address");
  // The model is told, and answers with what happened.
  await expect(page.getByTestId("answer")).toContainText("The read_web_page tool returned:");
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await page.reload();
  await expect(page.getByTestId("tool-card").getByTestId("tool-status")).toHaveText("Error");
});
