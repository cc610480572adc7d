import { randomUUID } from "node:crypto";
import { expectAccessible } from "./axe";
import { expect, send, signUp, test } from "./fixtures";

// Share links: made by the owner, read signed out, frozen as a snapshot, revoked to a 404 that
// says nothing, and continued by another user into their own conversation.

test("a shared snapshot opens signed out, leaks nothing, and stops working when revoked", async ({
  page,
  browser,
  user,
}) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Why do cats purr? ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await dialog.getByLabel("Thinking").check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = dialog.getByTestId("share-link").first();
  await expect(link).toContainText("Snapshot link");
  const url = await link.getByRole("textbox").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, "share dialog");
  await dialog.getByRole("button", { name: "Close" }).click();

  // A later message is not part of the snapshot.
  await send(page, `And dogs? ${tag}`);
  await expect(page.getByTestId("message")).toHaveCount(4);

  const visitor = await browser.newContext();
  const anon = await visitor.newPage();
  const res = await anon.goto(url);
  expect(res?.status()).toBe(200);
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText(/cats purr/i);
  await expect(anon.getByTestId("shared-answer")).toHaveCount(1);
  await expect(anon.getByTestId("shared-thinking")).toHaveCount(1);
  await expect(anon.getByText(`And dogs? ${tag}`)).toHaveCount(0);
  await expect(anon.getByRole("link", { name: "Sign in to continue this chat" })).toBeVisible();
  expect(await anon.locator('meta[property="og:title"]').getAttribute("content")).toMatch(/cats purr/i);
  expect(await anon.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
  const html = await anon.content();
  expect(html).not.toContain(user.email);
  expect(html).not.toContain(page.url().split("/chat/")[1]);
  await expectAccessible(anon, "shared snapshot");

  await page.getByRole("button", { name: "Share" }).click();
  await dialog.getByTestId("share-link").first().getByRole("button", { name: "Revoke" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Link revoked: it shows nothing any more.");
  await expect(dialog.getByTestId("share-link")).toHaveCount(0);

  const gone = await anon.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(anon.getByText(/cats purr/i)).toHaveCount(0);
  const unknown = await anon.goto(`/share/${"x".repeat(43)}`);
  expect(unknown?.status()).toBe(404);
  await visitor.close();
});

test("another user continues a shared chat in their own account", async ({ page, browser }) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Plan a picnic ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await dialog.getByLabel("Live: later messages too").check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-link").first().getByRole("textbox").inputValue();

  const other = await browser.newContext();
  const guest = await other.newPage();
  await signUp(guest);
  await guest.goto(url);
  await guest.getByRole("button", { name: "Continue this chat" }).click();
  await expect(guest).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(guest.getByTestId("message")).toHaveCount(2);
  await expect(guest.getByTestId("message").first()).toContainText(`Plan a picnic ${tag}`);
  // It is theirs now: they can go on, and the owner's conversation does not change.
  await send(guest, `With sandwiches ${tag}`);
  await expect(guest.getByTestId("message")).toHaveCount(4);
  await expect(guest.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(2);
  await other.close();
});
