import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, send, test } from "./fixtures";
import { upstreamCall } from "./simulator";

// The server owns each answer (lib/generation); the browser is a viewer. A reload, leaving for
// another page, or going offline is never a stop: the answer goes on, and the chat follows it
// again (the AI SDK's resumeStream). Stop asks the server, so every tab sees the answer stop.
// Answers are "Words word word…" of a known length, paced by the simulator ([[sim:pace:MS]]) so
// that the test acts mid-answer; the whole answer is what the simulator sent, word for word.

/** The page's last answer is being written and followed live: its text grows. */
async function expectFollowedLive(page: Page) {
  const message = page.getByTestId("message").last();
  await expect(message).toHaveAttribute("data-status", "streaming");
  const answer = message.getByTestId("answer");
  await expect(answer).toContainText("Words word");
  const seen = wordsIn(await answer.textContent());
  await expect.poll(async () => wordsIn(await answer.textContent())).toBeGreaterThan(seen);
  return { message, answer };
}

/** Sends a paced answer of `words` words (thinking off) and waits until its first words show. */
async function startLongAnswer(page: Page, words: number, paceMs: number): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  await send(page, `${tag} counts words [[sim:long:${words}]] [[sim:pace:${paceMs}]]`);
  await expect(page.getByTestId("answer").last()).toContainText("Words word");
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  return tag;
}

/** The answer as the simulator sent it, whole. */
async function wholeAnswer(tag: string): Promise<string> {
  return (await upstreamCall(tag)).plan.content.join("");
}

const wordsIn = (text: string | null) => (text ?? "").split(/\s+/).filter(Boolean).length;

test("a reload mid-answer follows the answer on: it finishes whole, not stopped", async ({ page }) => {
  const tag = await startLongAnswer(page, 150, 40);
  await page.reload();

  // Still being written, and followed live: its text grows.
  const { message, answer } = await expectFollowedLive(page);

  await expect(message).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(answer).toHaveText(await wholeAnswer(tag));
  await expect(page.getByTestId("status-stopped")).toHaveCount(0);
  await expect(message.getByTestId("usage")).not.toContainText("estimated");

  // Saved whole, as shown.
  await page.reload();
  await expect(page.getByTestId("answer")).toHaveText(await wholeAnswer(tag));
  await expect(page.getByTestId("message").last()).toHaveAttribute("data-status", "done");
});

test("an answer that ends while the user is on another page is whole when they come back, and the sidebar says so", async ({
  page,
}) => {
  const tag = await startLongAnswer(page, 100, 40);
  const path = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);

  // The sidebar marks the conversation while its answer is written, then as answered unseen.
  // (By its address: the title changes once the answer is in.)
  const link = page.getByTestId("conversation-list").locator(`a[href="${path}"]`);
  await expect(link).toHaveAccessibleName(/^Answer being written: /);
  await expect(link).toHaveAccessibleName(/^New answer: /, { timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("unseen-mark.png") });

  // (On its start: hovered, the item's Rename, Pin and Delete cover its end.)
  await link.click({ position: { x: 12, y: 8 } });
  const message = page.getByTestId("message").last();
  await expect(message).toHaveAttribute("data-status", "done");
  await expect(message.getByTestId("answer")).toHaveText(await wholeAnswer(tag));
  await expect(page.getByTestId("status-stopped")).toHaveCount(0);

  // Opened, it is seen: the mark is gone, and stays gone once the user moves on.
  await expect(link).not.toHaveAccessibleName(/New answer/);
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(link).toBeVisible();
  await expect(link).not.toHaveAccessibleName(/New answer|Answer being written/);
});

test("two tabs follow the same answer live, and Stop in one ends it in both", async ({ page, context }) => {
  await startLongAnswer(page, 600, 25);

  // A second tab opened mid-answer shows it live.
  const second = await context.newPage();
  await second.goto(page.url());
  const { answer: secondAnswer } = await expectFollowedLive(second);

  await second.getByRole("button", { name: "Stop" }).click();
  for (const tab of [page, second]) {
    await expect(tab.getByTestId("status-stopped")).toBeVisible();
    // As the server saved it: the words written until the stop, their usage estimated.
    await expect(tab.getByTestId("usage")).toContainText("(estimated)");
    await expect(tab.getByRole("button", { name: "Send" })).toBeVisible();
  }
  const first = (await page.getByTestId("answer").last().textContent()) ?? "";
  expect(wordsIn(first)).toBeLessThan(600);
  await expect(secondAnswer).toHaveText(first);
  await second.screenshot({ path: test.info().outputPath("stopped-in-both.png") });

  await page.reload();
  await expect(page.getByTestId("status-stopped")).toBeVisible();
  await expect(page.getByTestId("answer")).toHaveText(first);
});

test("offline mid-answer: once back online, the answer catches up and finishes whole", async ({ page, context }) => {
  const tag = await startLongAnswer(page, 250, 30);
  const conversationId = new URL(page.url()).pathname.split("/").at(-1);
  const answer = page.getByTestId("answer").last();

  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Connection lost" })).toBeVisible();
  const offline = wordsIn(await answer.textContent());
  // Meanwhile the server writes on (its checkpoint, every few seconds, passes what the page shows).
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/conversations/${conversationId}`);
        const body = (await res.json()) as { messages: { role: string; parts: { type: string; text?: string }[] }[] };
        const saved = body.messages.filter((m) => m.role === "assistant").at(-1);
        return wordsIn(saved?.parts.map((p) => p.text ?? "").join("") ?? "");
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(offline);
  expect(wordsIn(await answer.textContent())).toBe(offline);

  await context.setOffline(false);
  const message = page.getByTestId("message").last();
  await expect(message).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(answer).toHaveText(await wholeAnswer(tag));
  await expect(page.getByRole("status").filter({ hasText: "Connection lost" })).toHaveCount(0);
  await expect(page.getByTestId("status-stopped")).toHaveCount(0);
});
