import { randomUUID } from "node:crypto";
import { chooseModel, expect, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";

// The composer offers what the chosen platform and model support, with the catalog's limits and
// defaults, and the upstream receives exactly what the composer says is sent.

test("the parameters panel shows the platform's defaults and ranges, clamps with a reason, and is remembered", async ({
  page,
}) => {
  await chooseModel(page, "GLM-5.1 · Zhipu BigModel");
  await expect(page.getByTestId("model-features")).toHaveText(
    /^200K context · 163\.8K output · thinking · streamed tools/,
  );
  await page.getByRole("button", { name: "Parameters" }).click();

  const temperature = page.getByLabel("Temperature");
  await expect(temperature).toHaveAttribute("placeholder", "default 0.95");
  await expect(temperature).toHaveAccessibleDescription("0–1");
  await expect(page.getByLabel("Top K")).toBeDisabled();
  await expect(page.getByLabel("Top K")).toHaveAccessibleDescription("Not accepted by Zhipu BigModel.");

  await temperature.fill("1.6");
  await expect(temperature).toHaveAccessibleDescription(
    "GLM-5.1 on Zhipu BigModel accepts Temperature from 0 to 1, so 1 is sent.",
  );
  await page.getByLabel("Max output tokens").fill("500000");
  await expect(page.getByLabel("Max output tokens")).toHaveAccessibleDescription(
    "GLM-5.1 on Zhipu BigModel answers with at most 163,840 tokens, so 163,840 is sent.",
  );

  // Clicking Send (not only Enter) goes through: the browser does not refuse the out-of-range value.
  const tag = randomUUID().slice(0, 8);
  await page.getByRole("textbox", { name: "Message" }).fill(`Tuned ${tag}`);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-5.1");
  const { body } = await upstreamCall(tag);
  expect(body).toMatchObject({ temperature: 1, max_tokens: 163_840 });
  expect(body).not.toHaveProperty("top_k");

  // The values are kept as set (another platform may accept them), with the same note.
  await page.reload();
  await page.getByRole("button", { name: "Parameters" }).click();
  await expect(page.getByLabel("Temperature")).toHaveValue("1.6");
  await expect(page.getByLabel("Temperature")).toHaveAccessibleDescription(
    /accepts Temperature from 0 to 1, so 1 is sent/,
  );
  await chooseModel(page, "GLM-5.1 · DashScope");
  await expect(page.getByLabel("Temperature")).toHaveAccessibleDescription("0–1.99");
  await page.getByRole("button", { name: "Reset to defaults" }).click();
  await expect(page.getByLabel("Temperature")).toHaveValue("");
});

test("penalties, seed and stop sequences reach the platforms that take them; a stop sequence ends the answer", async ({
  page,
}) => {
  await chooseModel(page, "GLM-5.1 · Runware");
  await page.getByRole("button", { name: "Parameters" }).click();
  await page.getByLabel("Presence penalty").fill("0.5");
  await page.getByLabel("Frequency penalty").fill("-3");
  await expect(page.getByLabel("Frequency penalty")).toHaveAccessibleDescription(
    "GLM-5.1 on Runware accepts Frequency penalty from -2 to 2, so -2 is sent.",
  );
  await page.getByLabel("Seed").fill("42");
  await page.getByLabel("Stop sequences").fill("comes from\nDone");
  await expect(page.getByLabel("Stop sequences")).toHaveAccessibleDescription("One per line; at most 4 are sent.");

  const tag = randomUUID().slice(0, 8);
  await send(page, `Stopped ${tag}`);
  const answer = page.getByTestId("answer").last();
  await expect(answer).toContainText(`Here is my answer about "Stopped ${tag}"`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(answer).not.toContainText("comes from");
  const { body } = await upstreamCall(tag);
  expect(body).toMatchObject([
    {
      seed: 42,
      settings: { presencePenalty: 0.5, frequencyPenalty: -2, stopSequences: ["comes from", "Done"] },
    },
  ]);

  // BigModel takes one stop sequence, DashScope none: the panel says so.
  await chooseModel(page, "GLM-5.1 · Zhipu BigModel");
  await expect(page.getByLabel("Stop sequences")).toHaveAccessibleDescription(
    "Zhipu BigModel takes at most 1 stop sequence, so only the first one is sent.",
  );
  await expect(page.getByLabel("Seed")).toBeDisabled();
  await chooseModel(page, "GLM-5.1 · DashScope");
  await expect(page.getByLabel("Stop sequences")).toBeDisabled();
});

test("without parameters, BigModel still gets an output limit above its 1,024-token default", async ({ page }) => {
  await chooseModel(page, "GLM-4.7 · Zhipu BigModel");
  const tag = randomUUID().slice(0, 8);
  await send(page, `Plain ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-4.7");
  const { body } = await upstreamCall(tag);
  expect(body).toMatchObject({ max_tokens: 16_384 });
  expect(body).not.toHaveProperty("temperature");
});

test("web search is offered only where the platform allows it, and says why it is off", async ({ page }) => {
  const search = page.getByRole("switch", { name: "Web search" });
  const thinking = page.getByRole("switch", { name: "Thinking" });
  // DashScope: only without thinking.
  await expect(thinking).toBeChecked();
  await expect(search).toBeDisabled();
  await expect(page.getByText("Web search on DashScope works only with thinking off.")).toBeVisible();
  await thinking.uncheck();
  await expect(search).toBeEnabled();
  await search.check();
  const tag = randomUUID().slice(0, 8);
  await send(page, `Look it up ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("Done.");
  expect((await upstreamCall(tag)).body).toMatchObject({ enable_thinking: false, enable_search: true });
  // The answer says the platform's search was on (it reports no results to show), also after a reload.
  await expect(page.getByTestId("platform-tool")).toHaveText(/Web search on: DashScope may search the web/);
  await page.reload();
  await expect(page.getByTestId("platform-tool")).toHaveText(/Web search on: DashScope/);

  // BigModel: not offered at all. Runware: a server-side search tool, with thinking too.
  await chooseModel(page, "GLM-5.1 · Zhipu BigModel");
  await expect(search).toHaveCount(0);
  await chooseModel(page, "GLM-5.1 · Runware");
  await thinking.check();
  await expect(search).toBeEnabled();
  await expect(search).toBeChecked();
  const tag2 = randomUUID().slice(0, 8);
  await send(page, `Search with thinking ${tag2}`);
  await expect(page.getByTestId("answer").last()).toContainText("It comes from zai:glm@5.1");
  const [task] = (await upstreamCall(tag2)).body as unknown as { tools: unknown[]; settings: object }[];
  expect(task.settings).toMatchObject({ thinkingLevel: "high" });
  expect(task.tools).toContainEqual({ type: "search" });
  await expect(page.getByTestId("platform-tool").last()).toHaveText(/Web search on: Runware/);
});

test("Runware's code interpreter is offered, sent as its built-in tool, and noted on the answer", async ({ page }) => {
  const code = page.getByRole("switch", { name: "Code" });
  await expect(code).toHaveCount(0); // DashScope has none
  await chooseModel(page, "GLM-5.1 · Runware");
  await expect(page.getByTestId("model-features")).toContainText("code interpreter");
  await code.check();
  const tag = randomUUID().slice(0, 8);
  await send(page, `Compute ${tag}`);
  await expect(page.getByTestId("platform-tool")).toHaveText(/Code interpreter on: Runware may run code/);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  const [task] = (await upstreamCall(tag)).body as unknown as { tools: unknown[] }[];
  expect(task.tools).toContainEqual({ type: "codeInterpreter" });
  await page.reload();
  await expect(page.getByRole("switch", { name: "Code" })).toBeChecked();
  await expect(page.getByTestId("platform-tool")).toHaveText(/Code interpreter on/);
});
