import { randomUUID } from "node:crypto";
import { chooseModel, confirm, expect, offeredModels, send, signIn, signUp, anonymousTest as test } from "./fixtures";
import { ADMIN, SIM_API_KEY, SIM_URL } from "./servers";
import { upstreamCall } from "./simulator";
import { expectThinkingThenToolCall } from "./tool-turn";

test("a member cannot see the admin pages", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const res = await page.goto("/admin/platforms");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Add a platform")).toHaveCount(0);
});

test("an admin connects a platform with a key stored encrypted, tests it, and the team chats through it", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Model platforms" })).toBeVisible();

  // The environment's connections are listed with their keys masked, and can be tested.
  const dashscope = page.getByTestId("connection").filter({ hasText: "from environment" }).first();
  await expect(dashscope).toContainText(`key ••••${SIM_API_KEY.slice(-4)}`);
  await expect(page.getByText(SIM_API_KEY)).toHaveCount(0);
  await dashscope.getByRole("button", { name: "Test connection" }).click();
  await expect(dashscope.getByTestId("test-result")).toContainText(/Connected: glm-[\d.]+ answered in/);

  // Add AceData, pointing at the (simulated) platform.
  const name = `AceData ${randomUUID().slice(0, 6)}`;
  const form = page.locator("form").filter({ hasText: "Add platform" });
  await form.getByLabel("Platform").selectOption({ label: "AceData Cloud" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Base URL").fill("not a url");
  await form.getByRole("button", { name: "Add platform" }).click();
  await expect(form.getByText("Enter the platform's base URL")).toBeVisible();
  // What was typed is still there.
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("Platform")).toHaveValue("acedata");
  await form.getByLabel("Base URL").fill(`${SIM_URL}/glm`);
  await form.getByLabel("API key").fill(SIM_API_KEY);
  await form.getByRole("button", { name: "Add platform" }).click();
  const row = page.getByTestId("connection").filter({ hasText: name });
  await expect(row).toContainText(`key ••••${SIM_API_KEY.slice(-4)}`);
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("test-result")).toContainText("Connected: glm-5.1 answered in");
  await page.screenshot({ path: test.info().outputPath("admin-platforms.png") });

  // Any user now finds it in the model picker, and chats through AceData's protocol.
  await page.getByRole("link", { name: "Back to chat" }).click();
  await chooseModel(page, `GLM-4.5-Air · ${name}`);
  const tag = randomUUID().slice(0, 8);
  await send(page, `Hello AceData ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-4.5-air");
  const { path } = await upstreamCall(tag);
  expect(path).toBe("/glm/chat/completions");

  // The stored key is never sent to another host, or over another scheme, without being typed again.
  const edited = page.getByTestId("connection").filter({ hasText: name });
  for (const elsewhere of [SIM_URL.replace("127.0.0.1", "localhost"), SIM_URL.replace("http:", "https:")]) {
    await page.goto("/admin/platforms");
    await edited.getByText("Edit").click();
    await edited.getByLabel("Base URL").fill(`${elsewhere}/glm`);
    await edited.getByRole("button", { name: "Save changes" }).click();
    await expect(
      edited.getByText(/^The base URL points somewhere else \(another scheme, host or port\)/),
    ).toBeVisible();
  }
  // A wrong key is reported by the test button, in the platform's terms.
  await edited.getByLabel("Base URL").fill(`${SIM_URL}/glm`);
  await edited.getByLabel("API key").fill("sk-wrong");
  await edited.getByRole("button", { name: "Save changes" }).click();
  await expect(edited.getByText(`Saved "${name}".`)).toBeVisible();
  await edited.getByRole("button", { name: "Test connection" }).click();
  // Named as the admin named the connection.
  await expect(edited.getByTestId("test-result")).toHaveText(
    `The API key for ${name} was rejected — ask an admin to update it.`,
  );

  await edited.getByRole("button", { name: "Remove" }).click();
  await confirm(page, "Remove");
  await expect(page.getByTestId("connection").filter({ hasText: name })).toHaveCount(0);
});

test("DashScope's native protocol, added by an admin, works in the chat", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/platforms");
  const name = `Native ${randomUUID().slice(0, 6)}`;
  const form = page.locator("form").filter({ hasText: "Add platform" });
  await form.getByLabel("Platform").selectOption({ label: "DashScope (native API)" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Base URL").fill(SIM_URL);
  await form.getByLabel("API key").fill(SIM_API_KEY);
  await form.getByRole("button", { name: "Add platform" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: name })).toBeVisible();

  await page.getByRole("link", { name: "Back to chat" }).click();
  await chooseModel(page, `GLM-4.7 · ${name}`);
  const tag = randomUUID().slice(0, 8);
  await send(page, `Natively ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("It comes from glm-4.7");
  await expect(page.getByTestId("reasoning").getByRole("button")).toHaveText(/Thought for/);
  const { path, plan } = await upstreamCall(tag);
  expect(path).toBe("/api/v1/services/aigc/text-generation/generation");
  await expect(page.getByTestId("usage-prompt")).toHaveText(plan.usage.promptTokens.toLocaleString("en-US"));

  // Thinking, then a tool call, over the native protocol.
  const toolTag = await expectThinkingThenToolCall(page);
  const native = (await upstreamCall(toolTag)).body as unknown as { parameters: Record<string, unknown> };
  expect(native.parameters).toMatchObject({ enable_thinking: true, tool_stream: true });

  await page.goto("/admin/platforms");
  await page.getByTestId("connection").filter({ hasText: name }).getByRole("button", { name: "Remove" }).click();
  await confirm(page, "Remove");
  await expect(page.getByTestId("connection").filter({ hasText: name })).toHaveCount(0);
});

test("a self-hosted vLLM server (started with --api-key), added by an admin, offers what it serves and runs tools", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/platforms");
  const name = `GPU box ${randomUUID().slice(0, 6)}`;
  const form = page.locator("form").filter({ hasText: "Add platform" });
  await form.getByLabel("Platform").selectOption({ label: "Self-hosted (OpenAI-compatible)" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Base URL").fill(`${SIM_URL}/v1`);
  await form.getByLabel("API key").fill(SIM_API_KEY);
  await form.getByRole("button", { name: "Add platform" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: name })).toBeVisible();

  await page.getByRole("link", { name: "Back to chat" }).click();
  // Only what GET /v1/models lists, mapped onto the catalog.
  const offered = await offeredModels(page);
  expect(offered.filter((o) => o.endsWith(` · ${name}`))).toEqual([`GLM-4.6 · ${name}`, `GLM-4.5-Air · ${name}`]);
  await chooseModel(page, `GLM-4.5-Air · ${name}`);
  const tag = await expectThinkingThenToolCall(page);
  const { body } = await upstreamCall(tag);
  expect(body).toMatchObject({ model: "zai-org/GLM-4.5-Air", chat_template_kwargs: { enable_thinking: true } });

  await page.goto("/admin/platforms");
  await page.getByTestId("connection").filter({ hasText: name }).getByRole("button", { name: "Remove" }).click();
  await confirm(page, "Remove");
  await expect(page.getByTestId("connection").filter({ hasText: name })).toHaveCount(0);
});
