import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { confirm, expect, signIn, signUp, anonymousTest as test } from "./fixtures";
import { ADMIN, TEAM_APP_URL } from "./servers";

// Personal API keys (issue #17): a key is shown once, listed by its first characters only, and
// revoked; an admin turns API access off for one member or the whole team, and revokes any key.

/** Makes a key on the API keys page; the key, as the dialog showed it once. */
async function makeKey(page: Page, name: string, expiry = "Never"): Promise<string> {
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByLabel("Expires").selectOption({ label: expiry });
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Your new API key" });
  await expect(dialog).toContainText("it will not be shown again");
  const key = await dialog.getByRole("textbox", { name: "The new key" }).inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  return key;
}

test("a member makes an API key, sees it once, finds it listed by its prefix only, and revokes it", async ({
  page,
}) => {
  await signUp(page);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByTestId("api-how-to")).toContainText(/Base URL https?:\/\/[^ ]+\/v1\./);
  await expect(page.getByText("You have no API keys yet.")).toBeVisible();

  const key = await makeKey(page, "Laptop", "In 30 days");
  expect(key).toMatch(/^glmc_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("api-key").filter({ hasText: "Laptop" });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("0 tokens");
  await expectAccessible(page, "API keys with one key");
  // Never again: not in the page, not after a reload, not in the API's list.
  expect(await page.content()).not.toContain(key);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);
  const listed = await page.request.get("/api/keys");
  expect(listed.status()).toBe(200);
  const text = await listed.text();
  expect(text).not.toContain(key);
  expect(JSON.parse(text).keys).toEqual([expect.objectContaining({ name: "Laptop", prefix: key.slice(0, 12) })]);

  await row.getByRole("button", { name: "Revoke Laptop" }).click();
  await confirm(page, "Revoke");
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke Laptop" })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "was revoked" })).toBeVisible();
});

test("an admin turns a member's API access off and on, sees every key with its owner and revokes any", async ({
  page,
  browser,
}) => {
  const member = await signUp(page);
  await page.goto("/keys");
  const name = `Server ${randomUUID().slice(0, 6)}`;
  const key = await makeKey(page, name);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);

  // One member's access.
  await admin.goto("/admin/users");
  const memberRow = admin.getByTestId("member").filter({ hasText: member.email });
  await memberRow.getByRole("button", { name: /Turn API off/ }).click();
  await confirm(admin, "Turn API off");
  await expect(memberRow).toContainText("API off");
  await page.reload();
  await expect(page.getByText("An admin switched API access off for you.", { exact: false })).toBeVisible();
  await memberRow.getByRole("button", { name: /Turn API on/ }).click();
  await expect(memberRow.getByRole("button", { name: /Turn API off/ })).toBeVisible();
  await page.reload();
  await expect(page.getByText("An admin switched API access off for you.", { exact: false })).toHaveCount(0);

  // Every key, with its owner, never the key; an admin revokes it.
  await admin.getByRole("link", { name: "API keys" }).click();
  await expect(admin.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const adminRow = admin.getByTestId("api-key").filter({ hasText: name });
  await expect(adminRow).toContainText(key.slice(0, 12));
  await expectAccessible(admin, "admin API keys");
  expect(await admin.content()).not.toContain(key);
  await adminRow.getByRole("button", { name: `Revoke ${name}` }).click();
  await confirm(admin, "Revoke");
  await expect(adminRow).toContainText("Revoked");
  await page.reload();
  await expect(page.getByTestId("api-key").filter({ hasText: name })).toContainText("Revoked");
});

// The team's switch is team-wide: on the team administration's own instance (playwright.config.ts),
// so that no other test's keys are refused meanwhile.
test("an admin turns API access off for the whole team, and on again", async ({ browser }) => {
  const admin = await (await browser.newContext({ baseURL: TEAM_APP_URL })).newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/admin/keys");
  await expect(admin.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const teamOff = admin.getByText("API access is switched off for this team.", { exact: false });
  try {
    await admin.getByLabel("Nobody: API access is off").check();
    await admin.getByRole("button", { name: "Save API access" }).click();
    await expect(admin.getByText("API access is off: every key answers 403.")).toBeVisible();
    await admin.goto("/keys");
    await expect(teamOff).toBeVisible();
  } finally {
    await admin.goto("/admin/keys");
    await admin.getByLabel("Members, with their keys").check();
    await admin.getByRole("button", { name: "Save API access" }).click();
    await expect(admin.getByText("API access is on.")).toBeVisible();
  }
  await admin.goto("/keys");
  await expect(admin.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(teamOff).toHaveCount(0);
});

test("a member caps a key's monthly tokens: its calls stop at the cap with a 429 that says so, until the cap is raised", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/keys");
  await page.getByRole("textbox", { name: "Monthly cap (tokens)" }).fill("300");
  const key = await makeKey(page, "Capped");
  const row = page.getByTestId("api-key").filter({ hasText: "Capped" });
  await expect(row).toContainText("0 tokens of 300");

  const call = () =>
    page.request.post("/v1/chat/completions", {
      headers: { authorization: `Bearer ${key}` },
      data: { model: "glm-5.1", max_tokens: 16, enable_thinking: false, messages: [{ role: "user", content: "Hi" }] },
    });
  let refused = await call();
  for (let i = 0; i < 30 && refused.status() !== 429; i++) {
    expect(refused.status()).toBe(200);
    refused = await call();
  }
  expect(refused.status(), "the cap should stop the key's calls").toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused.json()).error.message).toMatch(/^This API key’s monthly cap of 300 tokens has/);

  await page.reload();
  await expect(row).toContainText(/[1-9][\d,]* tokens of 300/);
  await row.getByRole("button", { name: "Set the monthly caps of Capped" }).click();
  const dialog = page.getByRole("dialog", { name: "Monthly caps of “Capped”" });
  await expect(dialog.getByRole("textbox", { name: "Monthly cap (tokens)" })).toHaveValue("300");
  await dialog.getByRole("textbox", { name: "Monthly cap (tokens)" }).fill("");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "were saved" })).toBeVisible();
  await expect(row).not.toContainText("of 300");
  expect((await call()).status()).toBe(200);
});
