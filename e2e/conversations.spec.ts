import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { seedConversations } from "../test/many-conversations";
import { expect, send, test } from "./fixtures";
import { conversationIdOf } from "./saved-answers";

// The conversation list: search by title and content, rename, pin, delete with undo, a
// shortcut for a new chat, and a list of hundreds that grows as it is scrolled.

const APP_DATABASE = `file:${path.resolve("data/e2e/app.db")}`;

async function chat(page: Page, text: string) {
  await page.goto("/");
  await send(page, text);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(page).toHaveURL(/\/chat\//);
}

const item = (page: Page, title: RegExp | string) =>
  page.getByTestId("conversation-item").filter({ has: page.getByRole("link", { name: title }) });

test("search finds conversations by title and by what was said", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await chat(page, `Alpha planning ${tag}`);
  await send(page, `Remember the codeword zebra${tag}`);
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await chat(page, `Beta review ${tag}`);

  const search = page.getByRole("searchbox", { name: "Search conversations" });
  await search.fill(`beta review ${tag}`);
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);
  await expect(item(page, /Beta review/)).toBeVisible();
  await search.fill(`zebra${tag}`);
  await expect(page.getByTestId("conversation-item")).toHaveCount(1);
  await expect(item(page, /Alpha planning/)).toBeVisible();
  await search.fill(`no such thing ${tag}`);
  await expect(page.getByRole("status").filter({ hasText: "Nothing matches" })).toBeVisible();
});

test("rename, pin, and delete with undo", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await chat(page, `First ${tag}`);
  await chat(page, `Second ${tag}`);

  // Rename the first, in place.
  await item(page, new RegExp(`First ${tag}`))
    .getByRole("link")
    .focus();
  await page.getByRole("button", { name: `Rename "First ${tag}"` }).click();
  await page.getByLabel("New title").fill(`Renamed ${tag}`);
  await page.getByLabel("New title").press("Enter");
  await expect(item(page, `Renamed ${tag}`)).toBeVisible();

  // Pin it: it moves to the Pinned group, and stays there after a reload.
  await item(page, `Renamed ${tag}`).getByRole("link").focus();
  await page.getByRole("button", { name: `Pin "Renamed ${tag}"` }).click();
  await expect(page.getByTestId("pinned-list").getByRole("link", { name: new RegExp(`Renamed ${tag}`) })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("pinned-list").getByRole("link", { name: new RegExp(`Renamed ${tag}`) })).toBeVisible();

  // Delete the second, undo, delete again and let it go.
  await item(page, new RegExp(`Second ${tag}`))
    .getByRole("link")
    .focus();
  await page.getByRole("button", { name: `Delete "Second ${tag}"` }).click();
  await expect(item(page, new RegExp(`Second ${tag}`))).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(item(page, new RegExp(`Second ${tag}`))).toBeVisible();
  await item(page, new RegExp(`Second ${tag}`))
    .getByRole("link")
    .focus();
  await page.getByRole("button", { name: `Delete "Second ${tag}"` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted “Second ${tag}”` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0, { timeout: 10_000 });
  await page.reload();
  await expect(item(page, new RegExp(`Second ${tag}`))).toHaveCount(0);
  await expect(item(page, new RegExp(`Renamed ${tag}`))).toBeVisible();
});

test("Ctrl+Shift+O starts a new chat", async ({ page }) => {
  await chat(page, `Shortcut ${randomUUID().slice(0, 6)}`);
  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("What can GLM do for you?")).toBeVisible();
});

test("New chat right after a first message starts a separate conversation", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await send(page, `One ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(page).toHaveURL(/\/chat\//);
  const first = page.url();
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByText("What can GLM do for you?")).toBeVisible();
  await send(page, `Two ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  expect(page.url()).not.toBe(first);
  await expect(page.getByTestId("conversation-item").filter({ hasText: tag })).toHaveCount(2);
});

test("a new conversation is named by a cheap model after its first answer", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await send(page, `Please help me plan ${tag} a long weekend in Kyoto with kids`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  // The simulated model names it with the first words of the message, in bold (cleaned up).
  await expect(page.getByTestId("conversation-item").first().getByRole("link")).toHaveText(
    `Please help me plan ${tag}`,
    {
      timeout: 10_000,
    },
  );
});

test("a deletion the server refuses is reported, and the conversation comes back", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await chat(page, `Keep me ${tag}`);
  await page.route("**/api/conversations/*", (route) =>
    route.request().method() === "DELETE"
      ? route.fulfill({ status: 500, contentType: "application/json", body: '{"error":{"code":"internal"}}' })
      : route.continue(),
  );
  await item(page, new RegExp(`Keep me ${tag}`))
    .getByRole("link")
    .focus();
  await page.getByRole("button", { name: `Delete "Keep me ${tag}"` }).click();
  await expect(item(page, new RegExp(`Keep me ${tag}`))).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: `“Keep me ${tag}” could not be deleted` })).toBeVisible({
    timeout: 10_000,
  });
  await expect(item(page, new RegExp(`Keep me ${tag}`))).toBeVisible();
});

test("a long list shows the newest and the pinned, and older ones as it is scrolled down", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await chat(page, `Newest ${tag}`);
  // 150 older conversations; the oldest is pinned.
  await seedConversations(APP_DATABASE, {
    conversationId: conversationIdOf(page.url()),
    count: 150,
    prefix: `Older ${tag}`,
    pinned: [150],
  });
  await page.reload();

  const list = page.getByTestId("conversation-list");
  await expect(
    page.getByTestId("pinned-list").getByRole("link", { name: new RegExp(`Older ${tag} 150$`) }),
  ).toBeVisible();
  await expect(list.getByRole("link", { name: new RegExp(`Newest ${tag}`) })).toBeVisible();
  // The page came with the newest 50, not all 150.
  await expect(list.getByTestId("conversation-item")).toHaveCount(50);
  await expect(list.getByRole("link", { name: `Older ${tag} 60`, exact: true })).toHaveCount(0);

  // Scrolling down the list brings the older ones, to the oldest.
  const oldest = list.getByRole("link", { name: `Older ${tag} 149`, exact: true });
  await expect(async () => {
    await page.getByRole("navigation", { name: "Conversations" }).evaluate((nav) => nav.scrollBy(0, 2_000));
    await expect(oldest).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000, intervals: [0] });
  await expect(list.getByTestId("conversation-item")).toHaveCount(150);
  await expect(page.getByRole("button", { name: "Show older conversations" })).toHaveCount(0);

  // An item's buttons are reached from its link with Tab, as before they were made on demand.
  await oldest.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Rename "Older ${tag} 149"` })).toBeFocused();
});
