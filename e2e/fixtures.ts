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

/** Answers the page's confirmation dialog (ui/alert-dialog) with the button named `action`. */
export async function confirm(page: Page, action: string): Promise<void> {
  await page.getByRole("alertdialog").getByRole("button", { name: action, exact: true }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
}

/** Signs out on every device, as the sidebar offers (after its confirmation). */
export async function signOutEverywhere(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await confirm(page, "Sign out everywhere");
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

/** Makes a link in the Share dialog and reads it from there (it is shown once). */
export async function makeLink(page: Page, check: string[] = []): Promise<string> {
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this conversation" });
  for (const label of check) await dialog.getByLabel(label).check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = dialog.getByRole("textbox", { name: "New link" });
  await expect(link).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  const url = await link.inputValue();
  await dialog.getByRole("button", { name: "Close" }).click();
  return url;
}

/** The composer's model picker (its name says the model chosen: "Model: GLM-5.1 · DashScope"). */
export function modelPicker(page: Page) {
  return page.getByRole("combobox", { name: /^Model\b/ });
}

/** Chooses "GLM-4.7 · Zhipu BigModel" (model · platform) in the picker, by typing and Enter as a user would. */
export async function chooseModel(page: Page, label: string): Promise<void> {
  const [model, platform] = label.split(" · ");
  await modelPicker(page).click();
  await page.getByRole("combobox", { name: "Search models" }).fill(model);
  const option = page.locator(`[data-testid="model-option"][data-label="${model}"]`);
  await (platform ? option.and(page.locator(`[data-platform="${platform}"]`)) : option.first()).click();
  await expect(modelPicker(page)).toHaveAccessibleName(new RegExp(`^Model: ${escapeRegExp(model)}( ·|$)`));
}

/** What the picker offers, in its order, as "GLM-4.7 · Zhipu BigModel"; the picker is closed again. */
export async function offeredModels(page: Page): Promise<string[]> {
  await modelPicker(page).click();
  const options = page.getByTestId("model-option");
  await expect(options.first()).toBeVisible();
  const offered = await options.evaluateAll((nodes) =>
    nodes.map((n) => `${n.getAttribute("data-label")} · ${n.getAttribute("data-platform")}`),
  );
  await page.keyboard.press("Escape");
  await expect(options).toHaveCount(0);
  return offered;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
