import { randomUUID } from "node:crypto";
import type { Browser } from "@playwright/test";
import { expectAccessible } from "./axe";
import { expect, makeLink, newUser, send, signIn, signOut, signUp, test } from "./fixtures";
import { ADMIN } from "./servers";

// Share links: made by the owner (shown once), read signed out when the team shares publicly,
// frozen as a snapshot, revoked to a 404 that says nothing, continued by another user into their
// own conversation; for signed-in readers only, a signed-out reader signs in first and comes back;
// switched off, every link is a 404 and the Share button is gone. Serial: the sharing setting is
// the team's (no other spec makes share links).

test.describe.configure({ mode: "serial" });

const MODES = {
  off: { label: "Nobody: sharing is off", saved: "Sharing is off: links show nothing until it is switched on again." },
  "signed-in": { label: "People signed in to this site", saved: "Links open for people signed in to this site." },
  public: { label: "Anyone with the link", saved: "Links open for anyone who has them." },
} as const;

/** The admin sets who may open share links (Admin → Users → Sharing). */
async function setSharing(browser: Browser, mode: keyof typeof MODES): Promise<void> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/admin/users");
  const form = admin.locator("form").filter({ hasText: "Who may open share links" });
  await form.getByLabel(MODES[mode].label).check();
  await form.getByRole("button", { name: "Save sharing" }).click();
  await expect(form.getByRole("status")).toHaveText(MODES[mode].saved);
  if (mode === "public") await expectAccessible(admin, "sharing setting");
  await context.close();
}

test.afterAll(async ({ browser }) => {
  // Back to a new team's setting.
  await setSharing(browser, "signed-in");
});

test("a public snapshot opens signed out, hides tool calls unless chosen, leaks nothing, and stops working when revoked", async ({
  page,
  browser,
  user,
}) => {
  await setSharing(browser, "public");
  // A page shows the setting it was loaded with.
  await page.goto("/");
  const tag = randomUUID().slice(0, 8);
  await send(page, `Why do cats purr? ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");

  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await expect(dialog).toContainText("Anyone with a link can read");
  await expect(dialog.getByLabel("Tool calls")).not.toBeChecked();
  await expect(dialog.getByLabel("Thinking")).not.toBeChecked();
  await dialog.getByLabel("Thinking").check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const newLink = dialog.getByTestId("new-share-link");
  await expect(newLink).toContainText("it is shown only this once");
  const url = await newLink.getByRole("textbox", { name: "New link" }).inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("share-link").first()).toContainText("Snapshot link");
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

  // Opened again, the dialog lists the link but no longer shows it: only its hash is kept.
  await page.getByRole("button", { name: "Share" }).click();
  await expect(dialog.getByTestId("share-link")).toHaveCount(1);
  await expect(dialog.getByTestId("new-share-link")).toHaveCount(0);
  await expect(dialog).not.toContainText(url.split("/share/")[1]);
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

test("for signed-in readers only: a signed-out reader signs in, comes back, and continues the chat in their own account", async ({
  page,
  browser,
}) => {
  await setSharing(browser, "signed-in");
  await page.goto("/");
  const tag = randomUUID().slice(0, 8);
  await send(page, `Plan a picnic ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  await expect(dialog).toContainText("People signed in to this site can read");
  await dialog.getByRole("button", { name: "Close" }).click();
  const url = await makeLink(page, ["Live: later messages too"]);

  const other = await browser.newContext();
  const guest = await other.newPage();
  const account = await signUp(guest, newUser("guest"));
  await signOut(guest);
  // Signed out: to the sign-in page, with the way back; the page says nothing of the conversation.
  await guest.goto(url);
  await expect(guest).toHaveURL(/\/sign-in\?callbackUrl=%2Fshare%2F[A-Za-z0-9_-]{43}$/);
  expect(await guest.content()).not.toContain(`Plan a picnic ${tag}`);
  await guest.getByLabel("Email").fill(account.email);
  await guest.getByLabel("Password").fill(account.password);
  await guest.getByRole("button", { name: "Sign in" }).click();
  await expect(guest).toHaveURL(url);
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`Plan a picnic ${tag}`));

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

test("switched off, every link answers 404 and the Share button is gone; switched on again, links work again", async ({
  page,
  browser,
}) => {
  await setSharing(browser, "public");
  const tag = randomUUID().slice(0, 8);
  await send(page, `Name a river ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  const url = await makeLink(page);

  await setSharing(browser, "off");
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);
  const conversationId = page.url().split("/chat/")[1];
  const status = await page.evaluate(async (id) => {
    const res = await fetch(`/api/conversations/${id}/shares`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    return { status: res.status, body: await res.json() };
  }, conversationId);
  expect(status).toEqual({
    status: 403,
    body: {
      error: expect.objectContaining({
        message: "Sharing is switched off for this team. Ask an admin if you need it.",
      }),
    },
  });
  // Signed in or not, the link is a plain 404.
  expect((await page.goto(url))?.status()).toBe(404);
  const visitor = await browser.newContext();
  const anon = await visitor.newPage();
  expect((await anon.goto(url))?.status()).toBe(404);
  await expect(anon.getByText(`Name a river ${tag}`)).toHaveCount(0);

  await setSharing(browser, "public");
  expect((await anon.goto(url))?.status()).toBe(200);
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText(new RegExp(`Name a river ${tag}`));
  await visitor.close();
});
