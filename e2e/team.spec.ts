import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import {
  appAlert,
  confirm,
  expect,
  modelPicker,
  newUser,
  offeredModels,
  send,
  signIn,
  signUp,
  type TestUser,
  anonymousTest as test,
} from "./fixtures";
import { ADMIN, OIDC_NAME, TEAM_APP_URL } from "./servers";
import { upstreamCall } from "./simulator";

// Team administration on its own instance (team-wide settings would disturb other tests): closed
// sign-up, invite links (password and the team's OIDC provider), disabling and signing out
// everywhere, the team's models, and a member who tries the admin's own requests. Serial: the
// tests share the instance's settings.

test.use({ baseURL: TEAM_APP_URL });
test.describe.configure({ mode: "serial" });

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: TEAM_APP_URL });
  return context.newPage();
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  return page;
}

/** Makes an invite link on the users page and reads it from the page (it is shown once). */
async function createInvite(admin: Page, { email = "", role = "Member" } = {}): Promise<string> {
  await admin.goto("/admin/users");
  const form = admin.locator("form").filter({ hasText: "Create invite link" });
  await form.getByLabel("Email (optional)").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Create invite link" }).click();
  const link = admin.getByRole("textbox", { name: "Invite link" });
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

async function signUpWithInvite(page: Page, link: string, user: TestUser): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join your team on GLM Chat" })).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  if (await page.getByLabel("Email").isEditable()) await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
}

/** A new member, in a browser of their own, who joined with an invite link the admin made. */
async function invitedMember(browser: Browser, admin: Page, label: string): Promise<{ page: Page; user: TestUser }> {
  const link = await createInvite(admin);
  const page = await newPage(browser);
  const user = newUser(label);
  await signUpWithInvite(page, link, user);
  return { page, user };
}

/** Signs in (or up) through the team's identity provider, whose login page asks for an email. */
async function continueWithProvider(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `Continue with ${OIDC_NAME}` }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function memberRow(admin: Page, email: string) {
  return admin.getByTestId("member").filter({ hasText: email });
}

test("sign-up is closed by default: only an invite link lets someone join, and only once", async ({ browser }) => {
  const admin = await adminPage(browser);
  // A new team's sign-up is by invite.
  await expect(admin.getByLabel("Only people with an invite link")).toBeChecked();

  // A stranger finds no way in: no sign-up form, and the provider does not create an account.
  const stranger = await newPage(browser);
  await stranger.goto("/sign-up");
  await expect(stranger.getByRole("heading", { name: "Sign-up is by invitation" })).toBeVisible();
  await expect(stranger.getByLabel("Password")).toHaveCount(0);
  await expectAccessible(stranger, "sign-up closed");
  await stranger.goto("/sign-in");
  await expect(stranger.getByRole("link", { name: "Create an account" })).toHaveCount(0);
  const strangerEmail = `stranger-${Date.now()}@example.test`;
  await continueWithProvider(stranger, strangerEmail);
  await expect(appAlert(stranger)).toContainText("Sign-up is by invitation only");
  await expect(stranger).toHaveURL(/\/sign-in/);
  await expectAccessible(stranger, "sign-in with a provider, refused");

  // An invite: the newcomer creates an account with it and chats.
  const link = await createInvite(admin);
  await expectAccessible(admin, "users page with a new invite link");
  const newcomer = await newPage(browser);
  const user = newUser("invited");
  await newcomer.goto(link);
  await expect(newcomer.getByText("You are invited as a member.")).toBeVisible();
  await expectAccessible(newcomer, "invite page");
  await signUpWithInvite(newcomer, link, user);
  await send(newcomer, "Hello from an invited member");
  await expect(newcomer.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(newcomer.getByRole("link", { name: "Admin" })).toHaveCount(0);

  // The same link again: used.
  const second = await newPage(browser);
  await second.goto(link);
  await expect(appAlert(second)).toContainText("This invite link was used already");
  await expect(second.getByLabel("Password")).toHaveCount(0);

  await admin.reload();
  await expect(admin.getByTestId("invite").filter({ hasText: `used by ${user.email}` })).toContainText("Used");
  await expect(memberRow(admin, user.email)).toContainText("Email and password");
  // The refused stranger got no account.
  await expect(memberRow(admin, strangerEmail)).toHaveCount(0);

  // Someone signed in who opens a link (the admin trying it) is told why it does not apply.
  const another = await createInvite(admin);
  await admin.goto(another);
  await expect(admin.getByText(`You are signed in as ${ADMIN.email}.`)).toBeVisible();
  await expect(admin.getByRole("button", { name: "Sign out and use the invite" })).toBeVisible();
});

test("an admin opens sign-up to anyone, and closes it again", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.getByLabel("Anyone who can reach this site").check();
  await admin.getByRole("button", { name: "Save", exact: true }).click();
  await expect(admin.getByText("Sign-up is open.")).toBeVisible();
  try {
    const newcomer = await newPage(browser);
    const user = await signUp(newcomer, newUser("walk-in"));
    await expect(newcomer.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await admin.reload();
    await expect(memberRow(admin, user.email).getByRole("combobox")).toHaveValue("member");
  } finally {
    await admin.getByLabel("Only people with an invite link").check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByText("Sign-up is by invite only.")).toBeVisible();
  }
  const stranger = await newPage(browser);
  await stranger.goto("/sign-up");
  await expect(stranger.getByRole("heading", { name: "Sign-up is by invitation" })).toBeVisible();
});

test("an invite for one address works through the team's sign-in provider, with the role it names", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const email = `sso-${Date.now()}@example.test`;
  const link = await createInvite(admin, { email, role: "Admin" });
  // Withdrawn before use: dead.
  const withdrawn = await createInvite(admin);
  await admin
    .getByTestId("invite")
    .filter({ hasText: "Any email address" })
    .first()
    .getByRole("button", { name: "Withdraw" })
    .click();
  await expect(admin.getByText("Invite withdrawn")).toBeVisible();

  const newcomer = await newPage(browser);
  await newcomer.goto(withdrawn);
  await expect(appAlert(newcomer)).toContainText("This invite link was withdrawn");

  await newcomer.goto(link);
  await expect(newcomer.getByText(`This invite is for ${email}.`)).toBeVisible();
  await expect(newcomer.getByText("You are invited as an admin.")).toBeVisible();
  await continueWithProvider(newcomer, email);
  await expect(newcomer.getByRole("textbox", { name: "Message" })).toBeVisible();
  await expect(newcomer.getByRole("link", { name: "Admin" })).toBeVisible();

  await admin.reload();
  await expect(memberRow(admin, email)).toContainText(OIDC_NAME);
  await expect(memberRow(admin, email).getByRole("combobox")).toHaveValue("admin");
});

test("an admin signs a member out everywhere, disables and enables them; each takes effect at once", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const { page: member, user } = await invitedMember(browser, admin, "member");

  await admin.reload();
  await memberRow(admin, user.email).getByRole("button", { name: "Sign out everywhere" }).click();
  await confirm(admin, "Sign out everywhere");
  await expect(admin.getByRole("status").filter({ hasText: "Signed out on every device." })).toBeVisible();
  // The member's open page: the next request is refused, the next page is the sign-in page.
  await send(member, "Am I still here?");
  await expect(appAlert(member)).toContainText("signed out by an admin");
  await member.reload();
  await expect(member).toHaveURL(/\/sign-in/);
  await signIn(member, user);

  await memberRow(admin, user.email).getByRole("button", { name: "Disable" }).click();
  await confirm(admin, "Disable");
  await expect(memberRow(admin, user.email)).toContainText("Disabled");
  await member.reload();
  await expect(member).toHaveURL(/\/sign-in/);
  await member.getByLabel("Email").fill(user.email);
  await member.getByLabel("Password").fill(user.password);
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(appAlert(member)).toContainText("Your account has been disabled");

  await memberRow(admin, user.email).getByRole("button", { name: "Enable" }).click();
  await expect(memberRow(admin, user.email)).toContainText("Active");
  await signIn(member, user);

  // The team keeps an admin: the admin cannot disable themselves (no button) nor step down alone.
  const self = memberRow(admin, ADMIN.email);
  await expect(self.getByRole("button", { name: "Disable" })).toHaveCount(0);
});

test("a member cannot use the admin's pages, API or actions, even by replaying the admin's own request", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const { page: member, user } = await invitedMember(browser, admin, "curious");

  for (const path of ["/admin/users", "/admin/models", "/admin/platforms", "/admin/usage"]) {
    expect((await member.goto(path))?.status(), path).toBe(404);
  }
  expect((await member.request.get("/api/admin/usage/export")).status()).toBe(404);

  // The admin makes the member an admin; the request (a server action) is captured.
  await admin.reload();
  const row = memberRow(admin, user.email);
  const captured = admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await row.getByRole("combobox").selectOption("admin");
  const request = await captured;
  await expect(row.getByRole("combobox")).toHaveValue("admin");
  // The member's very next page sees the new role (no new sign-in needed)…
  expect((await member.goto("/admin/users"))?.status()).toBe(200);
  const body = request.postData() ?? "";
  expect(body).toContain('"role":"admin"');
  const replay = (page: Page, role: string) =>
    page.request.post(request.url(), {
      headers: {
        "next-action": request.headers()["next-action"] ?? "",
        "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      data: body.replace('"role":"admin"', `"role":"${role}"`),
    });
  // The replay itself works (for the admin): back to member.
  await replay(admin, "member");
  await admin.reload();
  await expect(row.getByRole("combobox")).toHaveValue("member");
  // …and loses it as soon as it is taken away.
  expect((await member.goto("/admin/users"))?.status()).toBe(404);

  // The member replays it to make themselves an admin: refused, nothing changes.
  const attempt = await replay(member, "admin");
  expect(attempt.status()).toBe(404);
  await admin.reload();
  await expect(row.getByRole("combobox")).toHaveValue("member");
  expect((await member.goto("/admin/users"))?.status()).toBe(404);
});

test("the team's models: only the enabled ones are offered, new chats start on the default, others are refused", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  await admin.goto("/admin/models");
  await expectAccessible(admin, "models page");
  const box = (label: string) => admin.getByRole("checkbox", { name: new RegExp(`^${label.replace(".", "\\.")} `) });
  for (const label of ["GLM-5.1", "GLM-5", "GLM-4.5-Air", "GLM-3-Turbo"]) await box(label).uncheck();
  for (const label of ["GLM-4.7", "GLM-4.6"]) await box(label).check();
  await admin.getByLabel("New chats start with").selectOption({ label: "GLM-5.1" });
  await admin.getByRole("button", { name: "Save models" }).click();
  await expect(admin.getByText("must be one of the enabled models")).toBeVisible();
  // The refusal keeps what the admin chose.
  await expect(box("GLM-5.1")).not.toBeChecked();
  await expect(box("GLM-4.7")).toBeChecked();
  await admin.getByLabel("New chats start with").selectOption({ label: "GLM-4.7" });
  await admin.getByRole("button", { name: "Save models" }).click();
  await expect(admin.getByText("Saved: new chats")).toBeVisible();

  try {
    const { page: member } = await invitedMember(browser, admin, "modeler");
    await expect(modelPicker(member)).toHaveAccessibleName(/^Model: GLM-4\.7/);
    const offered = await offeredModels(member);
    expect(offered, offered.join(" / ")).toEqual(offered.filter((o) => /^GLM-4\.[67]/.test(o)));
    const marker = `team-model-${Date.now()}`;
    await send(member, marker);
    await expect(member.getByTestId("message").last()).toHaveAttribute("data-status", "done");
    expect((await upstreamCall(marker)).body.model).toBe("glm-4.7");

    // A request for another model (a crafted one, or an old tab): refused with the reason.
    const refused = await member.request.post("/api/chat", {
      data: {
        id: crypto.randomUUID(),
        trigger: "submit-message",
        parentId: null,
        message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text: "hi" }] },
        connection: "env:default",
        model: "glm-5.1",
        thinking: false,
      },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "GLM-5.1 is not enabled for your team",
    );
  } finally {
    // Back to every model, for anything that runs after.
    await admin.goto("/admin/models");
    for (const box of await admin.getByRole("checkbox").all()) await box.check();
    await admin.getByLabel("New chats start with").selectOption({ label: "The first model offered" });
    await admin.getByRole("button", { name: "Save models" }).click();
    await expect(admin.getByText("Saved: new chats")).toBeVisible();
  }
});

test("the answers a user may have being written at once: set by the admin, and a clear refusal past it", async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  await admin.goto("/admin/budgets");
  const form = admin.getByTestId("budget-form");
  const running = form.getByLabel("Each user: answers being written at once");
  await expect(running).toHaveValue("3"); // the default
  await running.fill("1001");
  await form.getByRole("button", { name: "Save budgets" }).click();
  await expect(form.getByText("A whole number from 1 to 1,000, or blank")).toBeVisible();
  await running.fill("1");
  await form.getByRole("button", { name: "Save budgets" }).click();
  await expect(form.getByRole("status")).toHaveText("Budgets saved.");
  await expect(running).toHaveValue("1");

  try {
    const { page: member } = await invitedMember(browser, admin, "runner");
    await member.getByRole("switch", { name: "Thinking" }).uncheck();
    await send(member, "A long one [[sim:long:200]] [[sim:pace:30]]");
    await expect(member.getByTestId("answer")).toContainText("Words word");
    // While it is being written, a second answer elsewhere is refused, and the text kept.
    await member.getByRole("link", { name: "New chat" }).click();
    await expect(member).toHaveURL(/\/$/);
    await send(member, "Another one meanwhile");
    await expect(appAlert(member)).toContainText("You already have 1 answer being written.");
    await expect(member.getByRole("textbox", { name: "Message" })).toHaveValue("Another one meanwhile");
  } finally {
    // Blank: the default again, for anything that runs after.
    await admin.goto("/admin/budgets");
    await running.fill("");
    await form.getByRole("button", { name: "Save budgets" }).click();
    await expect(form.getByRole("status")).toHaveText("Budgets saved.");
    await expect(running).toHaveValue("3");
  }
});
