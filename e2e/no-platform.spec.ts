import { appAlert, expect, signUp, anonymousTest as test } from "./fixtures";
import { BARE_APP_URL } from "./servers";

test.use({ baseURL: BARE_APP_URL });

test("without a model platform the app starts and says what to set", async ({ page }) => {
  await signUp(page);
  const alert = appAlert(page);
  await expect(alert).toContainText("No model platform is configured.");
  await expect(alert).toContainText("GLM_BASE_URL is not set.");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeDisabled();

  // The API says the same, as a typed error rather than a stack trace.
  const res = await page.request.post("/api/chat", {
    data: {
      id: crypto.randomUUID(),
      message: { id: "m1", role: "user", parts: [{ type: "text", text: "hello" }] },
      connection: "env:default",
      model: "glm-5.1",
      thinking: true,
    },
  });
  expect(res.status()).toBe(503);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("no_platform");
});
