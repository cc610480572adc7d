import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { anonymousTest, expect, send, signOut, signUp, test } from "./fixtures";
import { APP_URL } from "./servers";

test("another user cannot open a conversation by URL or API", async ({ page, browser }) => {
  await send(page, `My private notes ${randomUUID().slice(0, 8)}`);
  await expect(page.getByTestId("answer")).toContainText("Done.");
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const url = page.url();
  const id = url.split("/").at(-1) as string;

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  await expect(otherPage.getByTestId("conversation-list")).toHaveCount(0);

  const res = await otherPage.goto(url);
  expect(res?.status()).toBe(404);
  await expect(otherPage.getByText("This page or conversation does not exist")).toBeVisible();

  const api = otherPage.request;
  expect((await api.get(`/api/conversations/${id}`)).status()).toBe(404);
  expect((await api.delete(`/api/conversations/${id}`)).status()).toBe(404);
  const hijack = await api.post("/api/chat", {
    data: {
      id,
      message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "let me in" }] },
      connection: "env:default",
      model: "glm-5.1",
      thinking: false,
    },
  });
  expect(hijack.status()).toBe(404);
  const list = (await (await api.get("/api/conversations")).json()) as { conversations: { id: string }[] };
  expect(list.conversations.map((c) => c.id)).not.toContain(id);
  await other.close();

  // The owner still has it, untouched.
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(2);
});

anonymousTest("API calls without a session get 401", async () => {
  const anon = await playwrightRequest.newContext({ baseURL: APP_URL });
  const id = randomUUID();
  for (const res of [
    await anon.post("/api/chat", { data: {} }),
    await anon.get("/api/conversations"),
    await anon.get(`/api/conversations/${id}`),
    await anon.delete(`/api/conversations/${id}`),
  ]) {
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
  }
  await anon.dispose();
});

test("a malformed chat request gets a 400 that says what is wrong", async ({ page }) => {
  const res = await page.request.post("/api/chat", {
    data: { id: "not-a-uuid", message: { id: "m1", role: "user", parts: [] }, model: "gpt-4", thinking: "yes" },
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("bad_request");
  expect(body.error.message).toMatch(/^Invalid request: id:/);
});

test("the next person to sign in on the same browser does not see the previous user's titles", async ({ page }) => {
  const secret = `Salary review for Bob ${randomUUID().slice(0, 8)}`;
  await send(page, secret);
  await expect(page.getByTestId("conversation-list")).toContainText("Salary review for Bob");
  await signOut(page);

  // Same tab, no page load in between: only client-side navigations.
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Email").fill(`next-${randomUUID().slice(0, 8)}@example.test`);
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(page.getByText("No conversations yet.")).toBeVisible();
  await expect(page.getByText("Salary review for Bob")).toHaveCount(0);
});
