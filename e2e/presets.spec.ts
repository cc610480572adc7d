import { randomUUID } from "node:crypto";
import { expect, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";

// A system prompt per conversation, kept with it; saved as a preset and applied to a new chat
// with its parameters.

test("a system prompt goes first to the model, stays with the conversation, and becomes a preset", async ({ page }) => {
  const tag = randomUUID().slice(0, 6);
  await page.getByRole("button", { name: "Parameters" }).click();
  await page.getByLabel("System prompt").fill(`Answer like a pirate ${tag}.`);
  await page.getByLabel("Temperature").fill("0.3");
  await page.getByLabel("Preset name").fill(`Pirate ${tag}`);
  await page.getByRole("button", { name: "Save as preset" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved preset “Pirate ${tag}”.` })).toBeVisible();

  await send(page, `Ahoy ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  const first = await upstreamCall(`Ahoy ${tag}`);
  expect(first.body.messages[0]).toEqual({ role: "system", content: `Answer like a pirate ${tag}.` });

  await page.reload();
  await page.getByRole("button", { name: "Parameters" }).click();
  await expect(page.getByLabel("System prompt")).toHaveValue(`Answer like a pirate ${tag}.`);

  // A new chat starts plain; the preset brings the prompt and the temperature back.
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByText("What can GLM do for you?")).toBeVisible();
  await page.getByRole("button", { name: "Parameters" }).click();
  await expect(page.getByLabel("System prompt")).toHaveValue("");
  await page.getByLabel("Preset", { exact: true }).selectOption({ label: `Pirate ${tag}` });
  await expect(page.getByLabel("System prompt")).toHaveValue(`Answer like a pirate ${tag}.`);
  await expect(page.getByLabel("Temperature")).toHaveValue("0.3");
  await send(page, `Again ${tag}`);
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
  const second = await upstreamCall(`Again ${tag}`);
  expect(second.body.messages[0]).toEqual({ role: "system", content: `Answer like a pirate ${tag}.` });
  expect(second.body).toMatchObject({ temperature: 0.3 });
});
