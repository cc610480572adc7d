import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { setupPath, setupToken } from "../lib/team/setup-token";
import { E2E_AUTH_SECRET } from "./servers";

export interface TestUser {
  email: string;
  password: string;
  name: string;
}

export function newUser(label = "user"): TestUser {
  return { email: `${label}-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery", name: label };
}

export async function signUp(page: Page, user: TestUser = newUser()): Promise<TestUser> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  return user;
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** Signs out on every device, as the sidebar offers (after its confirmation). */
export async function signOutEverywhere(page: Page): Promise<void> {
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** The set-up link's path that a test instance prints while it has no account (its AUTH_SECRET's). */
export function setupLinkPath(): string {
  return setupPath(setupToken({ AUTH_SECRET: E2E_AUTH_SECRET }) ?? "");
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
}

/** The app's own alerts (Next.js keeps an always-present, usually empty route announcer too). */
export function appAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** Tests that start signed in, as a fresh user of their own. */
export const test = base.extend<{ user: TestUser }>({
  user: [
    async ({ page }, use) => {
      await use(await signUp(page));
    },
    { auto: true },
  ],
});

/** Tests that start signed out. */
export const anonymousTest = base;

export { expect };

/** A screenshot of the page attached to the test report, for a reviewer to look at. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await test.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}
