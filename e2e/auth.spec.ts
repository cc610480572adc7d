import { appAlert, expect, newUser, signIn, signOut, signUp, anonymousTest as test } from "./fixtures";

test("sign up, sign out, and sign in again", async ({ page }) => {
  const user = await signUp(page, newUser("alice"));
  await expect(page.getByText(user.name)).toBeVisible();

  await signOut(page);

  // Every page but sign-in and sign-up needs a session.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText("Wrong email or password.");

  await signIn(page, user);
  await expect(page).toHaveURL(/\/$/);
});

test("sign-up explains what is wrong with the form", async ({ page }) => {
  const existing = await signUp(page, newUser("taken"));
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email exists already.")).toBeVisible();
  // What the user typed is kept.
  await expect(page.getByLabel("Email")).toHaveValue(existing.email);
});

test("after five wrong passwords the account is locked for a while, even for the right one", async ({ page }) => {
  const user = await signUp(page, newUser("guessed"));
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`guess number ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The form comes back (password cleared) with the refusal; only then is the next try typed.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(appAlert(page)).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(page)).toHaveText(
    "Too many failed sign-ins for this account. Wait up to 15 minutes and try again, or ask an admin.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});
