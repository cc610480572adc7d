import { expectAccessible } from "./axe";
import { anonymousTest, expect, send, signIn, test } from "./fixtures";
import { ADMIN } from "./servers";
import { expectThinkingThenToolCall } from "./tool-turn";

// axe-core on the main states of the app (WCAG 2.1 A/AA rules): no serious or critical
// violation. Each state is also attached to the report as a screenshot.

anonymousTest("sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page, "sign-in");
});

test("new chat, an answer with thinking and a tool card, and the parameters panel", async ({ page }) => {
  await expectAccessible(page, "new chat");
  await expectThinkingThenToolCall(page);
  await expectAccessible(page, "answer with a tool call");
  await page.getByRole("button", { name: "Parameters" }).click();
  await page.getByLabel("Temperature").fill("3");
  await expectAccessible(page, "parameters panel with a clamped value");
  await send(page, "A list and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two [[sim:echo]]");
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expectAccessible(page, "markdown answer");
});

anonymousTest("admin platforms page", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/platforms");
  await expectAccessible(page, "admin platforms");
});

test("my usage page, with an answer in it", async ({ page }) => {
  await send(page, "Count me in the ledger");
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await page.goto("/usage");
  await expect(page.getByTestId("chart-tokens")).toBeVisible();
  await expectAccessible(page, "my usage");
});

anonymousTest("admin prices, budgets and team usage pages", async ({ page }) => {
  await signIn(page, ADMIN);
  for (const [path, state] of [
    ["/admin/prices", "admin prices"],
    ["/admin/budgets", "admin budgets"],
    ["/admin/usage", "team usage"],
  ] as const) {
    await page.goto(path);
    await expectAccessible(page, state);
  }
});
