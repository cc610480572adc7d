import { appAlert, expect, newUser, snapshot, anonymousTest as test } from "./fixtures";

// The interface in Simplified Chinese for a browser that asks for it, and the user's own choice
// of language kept across reloads and sign-ins.

test.use({ locale: "zh-CN" });

test("a Chinese browser gets the interface in Chinese; the language switch changes it and is kept", async ({
  page,
}) => {
  const user = newUser("zh");
  await page.goto("/sign-up");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "创建你的账号" })).toBeVisible();
  await page.getByLabel("姓名").fill(user.name);
  await page.getByLabel("邮箱").fill(user.email);
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "注册" }).click();
  // Validation speaks the same language.
  await expect(page.getByText("至少需要 8 个字符。")).toBeVisible();
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "注册" }).click();

  const composer = page.getByRole("textbox", { name: "消息" });
  await expect(composer).toHaveAttribute("placeholder", /Enter 发送/);
  await composer.fill("你好");
  await composer.press("Enter");
  const answer = page
    .getByTestId("message")
    .filter({ has: page.getByTestId("answer") })
    .last();
  await expect(answer).toHaveAttribute("data-status", "done");
  await expect(answer.getByTestId("reasoning").first().getByRole("button")).toHaveText(/已思考/);
  await expect(answer.getByRole("button", { name: "重新生成" })).toBeVisible();
  await snapshot(page, "chat in Simplified Chinese");

  // The server's errors speak the same language (a platform that keeps refusing with 429).
  await composer.fill("限流 [[sim:error:429]]");
  await composer.press("Enter");
  await expect(appAlert(page).last()).toContainText("当前正在限流，请稍候再试。");

  // Switched to English, it stays English after a reload, although the browser asks for Chinese.
  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("button", { name: "Regenerate" }).first()).toBeVisible();
  await expect(page.getByTestId("reasoning").first().getByRole("button")).toHaveText(/Thought for/);
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("textbox", { name: "消息" })).toBeVisible();
});
