import { expect, test } from "./fixtures";

// The keyboard: `?` lists the shortcuts, which do what the list says; focus lands where the next
// thing is done.

test("? lists the shortcuts; Ctrl+K searches, Shift+Esc returns to the message, Enter sends and keeps the focus", async ({
  page,
}) => {
  const message = page.getByRole("textbox", { name: "Message" });
  await page.getByRole("heading", { level: 1 }).click(); // nothing focused that takes text
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId("shortcut-list")).toContainText("New chat");
  await expect(sheet.getByTestId("shortcut-list")).toContainText("CtrlShiftO");
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);

  // Typed into a field, `?` is a question mark.
  await message.fill("Why");
  await message.press("?");
  await expect(message).toHaveValue("Why?");
  await expect(sheet).toHaveCount(0);

  await page.keyboard.press("Control+k");
  await expect(page.getByRole("searchbox", { name: "Search conversations" })).toBeFocused();
  await page.keyboard.press("Shift+Escape");
  await expect(message).toBeFocused();

  await message.press("Enter");
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(message).toBeFocused();
  await expect(message).toHaveValue("");

  // The button in the sidebar opens the same list; closing it gives the focus back to the button.
  const button = page.getByRole("button", { name: "Show keyboard shortcuts" });
  await button.click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole("button", { name: "Close" }).click();
  await expect(button).toBeFocused();
});
