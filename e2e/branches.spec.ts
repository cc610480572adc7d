import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { chooseModel, confirm, expect, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";

// Regenerate keeps the earlier answer as a version; editing a message starts a branch; both can
// be switched between, and the version shown survives a reload.

const answer = (page: Page) =>
  page
    .getByTestId("message")
    .filter({ has: page.getByTestId("answer") })
    .last();
const done = (page: Page) => expect(answer(page)).toHaveAttribute("data-status", "done");

test("regenerate makes a second version of the answer; both stay browsable across reloads", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Tell me something ${tag} [[sim:vary]]`);
  await done(page);
  const first = (await answer(page).getByTestId("answer").textContent()) ?? "";
  expect(first).toContain("Variant");

  await answer(page).getByRole("button", { name: "Regenerate" }).click();
  await expect(answer(page).getByTestId("version")).toHaveText(/^2\/2/);
  await done(page);
  const second = (await answer(page).getByTestId("answer").textContent()) ?? "";
  expect(second).not.toBe(first);
  // The model was asked the same question again, without the first answer.
  expect((await upstreamCall(tag)).body.messages.map((m) => m.role)).toEqual(["user"]);

  await answer(page).getByRole("button", { name: "Previous version" }).click();
  await expect(answer(page).getByTestId("version")).toHaveText(/^1\/2/);
  await expect(answer(page).getByTestId("answer")).toHaveText(first);

  // The header counts the tokens of every version.
  const tokens = async () => {
    const footer = answer(page).getByTestId("message-footer");
    const n = async (id: string) => Number((await footer.getByTestId(id).textContent())?.replaceAll(",", ""));
    return (await n("usage-prompt")) + (await n("usage-completion"));
  };
  const firstTokens = await tokens();
  await answer(page).getByRole("button", { name: "Next version" }).click();
  const secondTokens = await tokens();
  await expect(page.getByTestId("conversation-totals")).toHaveText(
    `${(firstTokens + secondTokens).toLocaleString("en-US")} tokens`,
  );
  await answer(page).getByRole("button", { name: "Previous version" }).click();
  await expect(answer(page).getByTestId("version")).toHaveText(/^1\/2/);

  // Reloaded at once: the version shown is the one the server remembers.
  await page.reload();
  await expect(answer(page).getByTestId("version")).toHaveText(/^1\/2/);
  await expect(answer(page).getByTestId("answer")).toHaveText(first);
  await answer(page).getByRole("button", { name: "Next version" }).click();
  await expect(answer(page).getByTestId("answer")).toHaveText(second);
});

test("editing a message starts a branch; the earlier branch stays, with its answers", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Original question ${tag}`);
  await done(page);
  await send(page, `Follow-up ${tag}`);
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await done(page);

  // Edit the first message: the follow-up belongs to the old branch and disappears from view.
  const firstUser = page.locator('[data-testid="message"][data-role="user"]').first();
  await firstUser.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit your message").fill(`Edited question ${tag}`);
  await page.getByLabel("Edit your message").press("Enter");
  await expect(page.getByTestId("answer")).toHaveCount(1);
  await done(page);
  await expect(page.getByTestId("answer")).toContainText("Edited question");
  const edited = await upstreamCall(`Edited question ${tag}`);
  expect(edited.body.messages.map((m) => m.role)).toEqual(["user"]);

  const user = page.locator('[data-testid="message"][data-role="user"]').first();
  await expect(user.getByTestId("version")).toHaveText(/^2\/2/);
  await user.getByRole("button", { name: "Previous version" }).click();
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await expect(page.locator('[data-testid="message"][data-role="user"]').last()).toContainText("Follow-up");

  await page.reload();
  await expect(page.getByTestId("answer")).toHaveCount(2);
  await expect(page.locator('[data-testid="message"][data-role="user"]').first()).toContainText("Original question");
});

test("deleting an answer shows its other version; deleting a question removes it and what follows", async ({
  page,
}) => {
  const tag = randomUUID().slice(0, 8);
  await send(page, `Keep this ${tag}`);
  await done(page);
  await send(page, `Drop this ${tag} [[sim:vary]]`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  await expect(answer(page).getByTestId("answer")).toContainText(`Drop this ${tag}`);
  const first = (await answer(page).getByTestId("answer").textContent()) ?? "";
  await answer(page).getByRole("button", { name: "Regenerate" }).click();
  await expect(answer(page).getByTestId("version")).toHaveText(/^2\/2/);
  await done(page);

  // The version shown goes; the other one is shown, alone.
  await answer(page).getByRole("button", { name: "Delete" }).click();
  await confirm(page, "Delete");
  await expect(answer(page).getByTestId("answer")).toHaveText(first);
  await expect(answer(page).getByTestId("version")).toHaveCount(0);

  // The question goes with its answer; the chat ends at the first exchange, also after a reload.
  const question = page.locator('[data-testid="message"][data-role="user"]').filter({ hasText: `Drop this ${tag}` });
  await question.getByRole("button", { name: "Delete" }).click();
  await confirm(page, "Delete");
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId("message")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(2);
  await expect(page.getByTestId("message").first()).toContainText(`Keep this ${tag}`);
  await expect(page.getByText(`Drop this ${tag}`)).toHaveCount(0);
});

test("several answers at once (Runware numberResults) become versions, each with its own usage", async ({ page }) => {
  await chooseModel(page, "GLM-5.1 · Runware");
  await page.getByRole("combobox", { name: "Answers" }).selectOption("3");
  await expect(page.getByText("3 answers at once, kept as versions; tools are off for this message.")).toBeVisible();
  const tag = randomUUID().slice(0, 8);
  await send(page, `Three takes ${tag}`);
  await expect(answer(page).getByTestId("version")).toHaveText(/^3\/3/);
  await done(page);
  expect((await upstreamCall(tag)).body).toMatchObject([{ numberResults: 3 }]);

  const shown = (await answer(page).getByTestId("answer").textContent()) ?? "";
  await answer(page).getByRole("button", { name: "Previous version" }).click();
  await expect(answer(page).getByTestId("version")).toHaveText(/^2\/3/);
  await expect(answer(page).getByTestId("answer")).toContainText("Another take");
  await expect(answer(page).getByTestId("answer")).not.toHaveText(shown);
  // Each answer has its own share of the usage (the platform reports one for all: marked ≈).
  await expect(answer(page).getByTestId("usage-completion")).toBeVisible();

  await page.reload();
  await expect(answer(page).getByTestId("version")).toHaveText(/^2\/3/);
  await expect(answer(page).getByTestId("answer")).toContainText("Another take");
});
