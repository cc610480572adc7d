import type { BrowserContext } from "@playwright/test";
import { expectAccessible } from "./axe";
import {
  appAlert,
  expect,
  newUser,
  send,
  setupLinkPath,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
  anonymousTest as test,
} from "./fixtures";
import { FRESH_APP_URL } from "./servers";

/** The session cookie's value as the browser holds it (plain name: the tests run over http). */
async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie, "a session cookie").toBeDefined();
  return cookie?.value ?? "";
}

test("sign up, sign out (which ends the session: a copy of its cookie no longer works), and sign in again", async ({
  page,
  context,
  browser,
}) => {
  const user = await signUp(page, newUser("alice"));
  await expect(page.getByText(user.name)).toBeVisible();
  const copied = await sessionCookie(context);

  await signOut(page);

  // Every page but sign-in and sign-up needs a session.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  // Someone who had copied the cookie: signed out too, for pages and the API alike.
  const thief = await browser.newContext();
  await thief.addCookies([{ name: "authjs.session-token", value: copied, url: page.url() }]);
  const stolen = await thief.newPage();
  await stolen.goto(new URL("/", page.url()).href);
  await expect(stolen).toHaveURL(/\/sign-in/);
  expect((await stolen.request.get(new URL("/api/conversations", page.url()).href)).status()).toBe(401);
  await thief.close();

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText("Wrong email or password.");

  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);
});

test("signing out everywhere ends the sessions of every device", async ({ page, browser }) => {
  const user = await signUp(page, newUser("travels"));
  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, user);

  await signOutEverywhere(page);

  // The other device's open page: its next message is refused with the reason, its next page
  // is the sign-in page.
  await send(laptop, "Still signed in over here?");
  await expect(appAlert(laptop)).toContainText("Your session has ended");
  expect((await laptop.request.get("/api/conversations")).status()).toBe(401);
  await laptop.reload();
  await expect(laptop).toHaveURL(/\/sign-in/);
  // A new sign-in works.
  await signIn(page, user);
  await laptop.context().close();
});

test("sign-up explains what is wrong with the form", async ({ page }) => {
  const existing = await signUp(page, newUser("taken"));
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email exists already.")).toBeVisible();
  // What the user typed is kept.
  await expect(page.getByLabel("Email")).toHaveValue(existing.email);
});

test("after five wrong passwords the account is locked for a while, even for the right one", async ({ page }) => {
  const user = await signUp(page, newUser("guessed"));
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`guess number ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The form comes back (password cleared) with the refusal; only then is the next try typed.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(appAlert(page)).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText(
    "Too many failed sign-ins for this account. Wait up to 15 minutes and try again, or ask an admin.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe("a fresh deployment", () => {
  test.use({ baseURL: FRESH_APP_URL });

  test("its first account is made with the set-up link and becomes the admin; then sign-up is by invite", async ({
    page,
    browser,
  }) => {
    // Without the link: the sign-up page says where to find it, and offers no form.
    await page.goto("/sign-up");
    await expect(page.getByRole("heading", { name: "Set up GLM Chat" })).toBeVisible();
    await expect(page.getByText("printed when it started")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expectAccessible(page, "sign-up of a deployment without accounts");
    await page.goto(`/sign-up?setup=${"x".repeat(43)}`);
    await expect(appAlert(page)).toContainText("This set-up link is not valid");
    await expect(page.getByLabel("Password")).toHaveCount(0);

    // With it: the first account, the team's admin.
    await page.goto(setupLinkPath());
    await expect(page.getByText("it becomes the team's admin")).toBeVisible();
    const admin = newUser("founder");
    await page.getByLabel("Name").fill(admin.name);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
    await page.goto("/admin/users");
    // A new team's sign-up is by invite.
    await expect(page.getByLabel("Only people with an invite link")).toBeChecked();

    // The link has done its part; sign-up is closed to anyone without an invite.
    const next = await (await browser.newContext({ baseURL: FRESH_APP_URL })).newPage();
    await next.goto(setupLinkPath());
    await expect(next.getByText("This set-up link was used already")).toBeVisible();
    await expect(next.getByLabel("Password")).toHaveCount(0);
    await next.goto("/sign-up");
    await expect(next.getByRole("heading", { name: "Sign-up is by invitation" })).toBeVisible();
    await next.context().close();
  });
});
