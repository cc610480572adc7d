import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { appAlert, expect, send, signIn, snapshot, test } from "./fixtures";
import { ADMIN, APP_URL } from "./servers";
import { reportedUsage } from "./simulator";

// Spend from the user's and the admin's side: prices give every answer a cost, budgets refuse a
// request before anything is sent, and the usage pages add up to what the simulator reported.

const fmt = (n: number) => n.toLocaleString("en-US");
const usd = (micros: number) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    ...(micros !== 0 && micros < 10_000
      ? { maximumSignificantDigits: 2 }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(micros / 1_000_000);

/** The admin, in a browser context of their own. */
async function asAdmin(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN);
  return { page, close: () => context.close() };
}

test("a used-up budget refuses the next message before it is sent, says why, and keeps the text", async ({
  page,
  browser,
  user,
}) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `First question ${tag}`);
  await expect(page.getByTestId("message-footer").last().getByTestId("usage-prompt")).toBeVisible();

  // The admin gives this user a monthly budget of 20 tokens: already used up.
  const admin = await asAdmin(browser);
  await admin.page.goto("/admin/budgets");
  const row = admin.page.getByTestId("user-limits").filter({ hasText: user.email });
  await row.getByLabel("Tokens per month").fill("20");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText(`Limits saved for ${user.email}.`);
  await snapshot(admin.page, "admin-budgets");
  await admin.close();

  const text = `Second question ${tag}`;
  await send(page, text);
  await expect(appAlert(page)).toContainText(/Your monthly budget is used up: [\d,]+ of 20 tokens spent\./);
  await expect(appAlert(page)).toContainText("To raise it, ask an admin. Your message was not sent.");
  // Nothing went upstream, and the message is back in the composer.
  expect(await reportedUsage(`Second question ${tag}`)).toEqual([]);
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue(text);
  await snapshot(page, "budget-used-up");
});

test("prices give answers a cost, and the usage pages add up to what the platform reported", async ({
  page,
  browser,
  user,
}) => {
  // The admin prices glm-5.1 on DashScope: 2 per 1M input tokens, 8 per 1M output, in USD.
  const admin = await asAdmin(browser);
  await admin.page.goto("/admin/prices");
  const price = admin.page.getByTestId("price-dashscope-glm-5.1");
  await price.getByLabel("Input", { exact: true }).fill("2");
  await price.getByLabel("Output").fill("8");
  await price.getByLabel("Cached input").fill("");
  await price.getByRole("button", { name: "Save price" }).click();
  await expect(price.getByRole("status")).toHaveText("glm-5.1 on DashScope: new price saved.");
  await snapshot(admin.page, "admin-prices");

  const tag = randomUUID().slice(0, 8);
  await send(page, `Tell me about prisms ${tag}`);
  const footer = page.getByTestId("message-footer").last();
  await expect(footer.getByTestId("usage-prompt")).toBeVisible();
  await send(page, `And about lenses ${tag}`);
  await expect(page.getByTestId("message-footer")).toHaveCount(2);
  await expect(page.getByTestId("message-footer").last().getByTestId("usage-prompt")).toBeVisible();
  // The title, asked of a cheaper model after the first answer, is spent too.
  await expect(page.getByTestId("conversation-item").first()).toContainText("Tell me about prisms");

  const calls = await reportedUsage(tag);
  const answers = calls.filter((c) => c.model === "glm-5.1");
  expect(answers).toHaveLength(2);
  const micros = answers.map((a) => a.input * 2 + a.output * 8);
  // Each answer shows its own cost; the header adds them up.
  await expect(page.getByTestId("message-footer").nth(0).getByTestId("cost")).toHaveText(usd(micros[0]));
  await expect(page.getByTestId("message-footer").nth(1).getByTestId("cost")).toHaveText(usd(micros[1]));
  const answerTokens = answers.reduce((s, a) => s + a.tokens, 0);
  await expect(page.getByTestId("conversation-totals")).toHaveText(
    `${fmt(answerTokens)} tokens · ${usd(micros[0] + micros[1])}`,
  );

  // My usage: per model, the conversation, and this month against (no) budget.
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "My usage" })).toBeVisible();
  const byModel = page.getByTestId("usage-by-model-row");
  const glm = byModel.filter({ hasText: "glm-5.1" });
  await expect(glm.getByTestId("tokens")).toHaveText(fmt(answerTokens));
  await expect(glm.getByTestId("cost")).toHaveText(usd(micros[0] + micros[1]));
  const all = calls.reduce((s, c) => s + c.tokens, 0);
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(all)} tokens`);
  await expect(page.getByTestId("month-yourBudget").getByTestId("meter-tokens").getByTestId("used")).toHaveText(
    fmt(all),
  );
  await expect(page.getByTestId("usage-top-conversations-row").first()).toContainText("Tell me about prisms");
  await expect(page.getByTestId("chart-tokens")).toBeVisible();
  await snapshot(page, "my-usage");

  // Team usage: this user's row, and the ledger as CSV.
  await admin.page.goto("/admin/usage");
  const mine = admin.page.getByTestId("usage-by-user-row").filter({ hasText: user.email });
  await expect(mine.getByTestId("tokens")).toHaveText(fmt(all));
  await expect(mine.getByTestId("cost")).toHaveText(usd(micros[0] + micros[1]));
  await snapshot(admin.page, "team-usage");
  const csv = await admin.page.request.get(
    (await admin.page.getByRole("link", { name: "Download the ledger (CSV)" }).getAttribute("href")) ?? "",
  );
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).split("\n").filter((l) => l.includes(user.email));
  expect(lines).toHaveLength(calls.length);
  const header = (await csv.text()).split("\n")[0].split(",");
  const total = lines.reduce((s, l) => s + Number(l.split(",")[header.indexOf("total_tokens")]), 0);
  expect(total).toBe(all);
  await admin.close();

  // A member cannot export the ledger.
  const refused = await page.request.get("/api/admin/usage/export");
  expect(refused.status()).toBe(404);
});

test("My usage tells chat turns from API calls and narrows to one key, from the form's address", async ({
  page,
  browser,
  user,
}) => {
  const chatTag = randomUUID().slice(0, 8);
  await send(page, `A chat question ${chatTag}`);
  await expect(page.getByTestId("message-footer").last().getByTestId("usage-prompt")).toBeVisible();
  await expect(page.getByTestId("conversation-item").first()).toContainText("A chat question");

  // One call to the team's API with a personal key.
  const name = `script ${randomUUID().slice(0, 6)}`;
  const made = await page.request.post("/api/keys", { data: { name } });
  expect(made.status()).toBe(201);
  const { key, id } = (await made.json()) as { key: string; id: string };
  const apiTag = randomUUID().slice(0, 8);
  const answered = await fetch(`${APP_URL}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "glm-5.1", messages: [{ role: "user", content: `An API question ${apiTag}` }] }),
  });
  expect(answered.status).toBe(200);
  const apiTokens = (await reportedUsage(apiTag)).reduce((s, c) => s + c.tokens, 0);
  const chatTokens = (await reportedUsage(chatTag)).reduce((s, c) => s + c.tokens, 0);
  expect(apiTokens).toBeGreaterThan(0);

  await page.goto("/usage");
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(apiTokens + chatTokens)} tokens`);
  const form = page.getByRole("form", { name: "Days" });
  const byKey = page.getByTestId("usage-by-key-row");
  await expect(byKey).toHaveCount(1);
  await expect(byKey).toContainText(name);
  await expect(byKey).toContainText(`${key.slice(0, 12)}…`);
  await expect(byKey.getByTestId("tokens")).toHaveText(fmt(apiTokens));

  await form.getByLabel("Source").selectOption({ label: "API" });
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/source=api/);
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(apiTokens)} tokens`);

  await form.getByLabel("Source").selectOption({ label: "Chat" });
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/source=chat/);
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(chatTokens)} tokens`);
  await expect(page.getByTestId("usage-by-key-row")).toHaveCount(0);

  await form.getByLabel("Source").selectOption({ label: "All" });
  await form.getByLabel("Key").selectOption({ label: `${name} (${key.slice(0, 12)}…)` });
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/key=/);
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(apiTokens)} tokens`);
  // The address is the report: reloaded, it shows the same.
  await page.reload();
  await expect(page.getByTestId("usage-total")).toContainText(`${fmt(apiTokens)} tokens`);
  await expect(page.getByRole("form", { name: "Days" }).getByLabel("Key")).toHaveValue(/.+/);

  // Team usage: the key with its owner, narrowed by the address, and the export narrowed alike.
  const admin = await asAdmin(browser);
  await admin.page.goto(`/admin/usage?source=api&key=${id}`);
  await expect(admin.page.getByTestId("usage-total")).toContainText(`${fmt(apiTokens)} tokens`);
  const teamKey = admin.page.getByTestId("usage-by-key-row");
  await expect(teamKey).toHaveCount(1);
  await expect(teamKey).toContainText(user.email);
  const href = (await admin.page.getByRole("link", { name: "Download the ledger (CSV)" }).getAttribute("href")) ?? "";
  expect(href).toContain("source=api");
  const csv = (await (await admin.page.request.get(href)).text()).trim().split("\n");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(id);
  await admin.close();
});
