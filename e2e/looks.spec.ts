import { expectAccessible } from "./axe";
import { anonymousTest, expect, makeLink, signIn, test } from "./fixtures";
import { ADMIN } from "./servers";
import { expectThinkingThenToolCall } from "./tool-turn";

// The interface as people see it: the chat with a tool call, a shared conversation and the team's
// usage page, light and dark, on a desktop and a phone; each attached to the report and checked
// by axe (contrast differs per theme). The theme is chosen in the sidebar and remembered.

const DEVICES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

for (const scheme of ["light", "dark"] as const) {
  for (const [device, viewport] of Object.entries(DEVICES)) {
    test.describe(`${scheme}, ${device}`, () => {
      test.use({ colorScheme: scheme, viewport });

      test("the chat with a tool call, and its shared page", async ({ page }) => {
        await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /\blight\b/);
        await expectThinkingThenToolCall(page);
        await expectAccessible(page, `${scheme} ${device}: chat with a tool call`);
        const url = await makeLink(page);
        await page.goto(url);
        await expect(page.getByTestId("shared-answer").first()).toBeVisible();
        await expectAccessible(page, `${scheme} ${device}: shared conversation`);
      });

      anonymousTest("the team's usage page", async ({ page }) => {
        await signIn(page, ADMIN);
        await page.goto("/admin/usage");
        await expectAccessible(page, `${scheme} ${device}: team usage`);
      });
    });
  }
}

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("chosen in the sidebar, it is remembered and painted before the page is interactive", async ({ page }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const theme = page.getByRole("group", { name: "Theme" });
    await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
    // The icon is what a user clicks (the radio button inside it is visually hidden).
    const icon = (name: string) => theme.locator("label").filter({ has: page.getByRole("radio", { name }) });
    await icon("Dark").click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(await background()).not.toBe(light);

    // On the next load the class is there before any of the app's scripts run: no light flash.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { darkAtLoad: boolean }).darkAtLoad = document.documentElement.classList.contains("dark");
      });
    });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { darkAtLoad: boolean }).darkAtLoad)).toBe(true);
    await expect(theme.getByRole("radio", { name: "Dark" })).toBeChecked();

    // Back to the system's, which is light here.
    await icon("System").click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    expect(await background()).toBe(light);
  });
});
