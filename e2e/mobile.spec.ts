import { randomUUID } from "node:crypto";
import { expect, send, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("on a phone-sized screen the conversations open from the header", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Phone chat ${tag}`);
  await expect(page.getByTestId("answer")).toContainText("Done.");
  await page.screenshot({ path: test.info().outputPath("phone-chat.png") });

  const list = page.getByTestId("conversation-list");
  await expect(list).toBeHidden();
  await page.getByRole("button", { name: "Conversations" }).click();
  await expect(list.getByRole("link", { name: `Phone chat ${tag}` })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("phone-sidebar.png") });

  // Starting a new chat closes the overlay again.
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(list).toBeHidden();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
});

test("on a phone the composer keeps to one row: the switches open from Options", async ({ page }) => {
  const thinking = page.getByRole("switch", { name: "Thinking" });
  const options = page.getByRole("button", { name: "Options" });
  await expect(thinking).toBeHidden();
  await expect(options).toHaveAttribute("aria-expanded", "false");
  const composer = page.locator("form").filter({ has: page.getByRole("textbox", { name: "Message" }) });
  const folded = (await composer.boundingBox())?.height ?? 0;
  await options.click();
  await expect(options).toHaveAttribute("aria-expanded", "true");
  await thinking.uncheck();
  await expect(page.getByRole("switch", { name: "Tools" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("phone-composer-options.png") });
  expect((await composer.boundingBox())?.height ?? 0).toBeGreaterThan(folded);
  await options.click();
  await expect(thinking).toBeHidden();
  expect(folded).toBeLessThan(200);
  // Folded away, the choice stays.
  await options.click();
  await expect(thinking).not.toBeChecked();
});

test.describe("on a touch screen", () => {
  test.use({ hasTouch: true, isMobile: true });

  test("a conversation's Rename, Pin and Delete are there without a hover", async ({ page }) => {
    const tag = randomUUID().slice(0, 8);
    await send(page, `Touch chat ${tag}`);
    await expect(page.getByTestId("answer")).toContainText("Done.");
    await page.getByRole("button", { name: "Conversations" }).tap();
    await expect(page.getByRole("button", { name: `Delete "Touch chat ${tag}"` })).toBeVisible();
    await page.getByRole("button", { name: `Rename "Touch chat ${tag}"` }).tap();
    await expect(page.getByLabel("New title")).toBeFocused();
  });
});
