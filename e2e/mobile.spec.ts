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
