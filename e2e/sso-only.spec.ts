import { type APIRequestContext, request } from "@playwright/test";
import { expectAccessible } from "./axe";
import { appAlert, expect, anonymousTest as test } from "./fixtures";
import { ADMIN, OIDC_NAME, SSO_ONLY_APP_URL, TEAM_APP_URL } from "./servers";

// A team that requires its identity provider (AUTH_OIDC_ONLY=true): no password form anywhere,
// no password accepted even by next-auth's own endpoint, and the provider signs people up and in.

test.use({ baseURL: SSO_ONLY_APP_URL });

/** Posts the admin's password straight to next-auth's credentials callback; whether a session came of it. */
async function passwordGetsIn(api: APIRequestContext): Promise<boolean> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await api.post("/api/auth/callback/credentials", {
    form: { email: ADMIN.email, password: ADMIN.password, csrfToken },
    maxRedirects: 0,
  });
  const session = (await (await api.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  return session?.user?.email === ADMIN.email;
}

test("with OIDC only, there is no password sign-in or sign-up; the provider is the way in", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to GLM Chat" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expectAccessible(page, "sign-in through the provider only");
  await page.goto("/sign-up");
  await expect(page.getByLabel("Password")).toHaveCount(0);

  // The admin's password, sent to next-auth's endpoint: a session where passwords work (the
  // check itself works), none here.
  const elsewhere = await request.newContext({ baseURL: TEAM_APP_URL });
  expect(await passwordGetsIn(elsewhere)).toBe(true);
  await elsewhere.dispose();
  const here = await request.newContext({ baseURL: SSO_ONLY_APP_URL });
  expect(await passwordGetsIn(here)).toBe(false);
  await here.dispose();

  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${OIDC_NAME}` }).click();
  await page.getByLabel("Email").fill(`sso-only-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(appAlert(page)).toHaveCount(0);
});
