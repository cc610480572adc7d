import path from "node:path";
import { seedLongHistory } from "../test/long-history";
import { expect, send, snapshot, test } from "./fixtures";
import { conversationIdOf } from "./saved-answers";

// A conversation of 2,000 messages opens as fast as a short one: the page carries only the latest
// messages of the path shown, the list renders only what is near the viewport, earlier messages
// are read as the reader scrolls up (or jumps to the top), and a search opens the chat at the
// message it found. The history is written straight into the app's database (test/long-history.ts).

const APP_DATABASE = `file:${path.resolve("data/e2e/app.db")}`;

test("2,000 messages: opens at the end with a page of them, reads earlier ones on the way up, and a search opens it where it matched", async ({
  page,
  browser,
}) => {
  await send(page, "Where the long chat begins");
  await expect(page.getByTestId("answer")).toContainText('Here is my answer about "Where the long chat begins"');
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  // Saved (its usage counted): the history is written after it, not under an answer still settling.
  await expect(page.getByTestId("conversation-totals")).toBeVisible();
  const conversationId = conversationIdOf(page.url());
  await seedLongHistory(APP_DATABASE, { conversationId, pairs: 1_000, tokens: 30 });

  const response = await page.reload();
  await expect(page.getByText("Long answer 1000:")).toBeVisible();
  // At the very end, and still there once the messages shown are measured and formatted.
  const scroller = page.getByTestId("chat-scroller");
  const belowView = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await page.waitForLoadState("networkidle");
  await expect.poll(belowView).toBeLessThan(2);
  expect((await response?.body())?.length).toBeLessThan(300_000);
  expect(await page.getByTestId("message").count()).toBeLessThan(40);
  const domNodes = () => page.evaluate(() => document.getElementsByTagName("*").length);
  expect(await domNodes()).toBeLessThan(5_000);
  // The server's HTML itself shows the newest messages, once: what the reader sees before the
  // page's scripts have loaded (here, never).
  const noScripts = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const html = await noScripts.newPage();
  await html.goto(page.url());
  await expect(html.getByText("Long answer 1000:")).toHaveCount(1);
  expect(await html.getByTestId("message").count()).toBeLessThan(20);
  await noScripts.close();

  // Scrolling up, as a reader does, goes through the earlier messages: read as they come near.
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollBy(0, -500));
    await expect(page.getByText("Long question 930:")).toBeVisible({ timeout: 300 });
  }).toPass({ timeout: 60_000, intervals: [0] });
  // The scrollbar is the whole conversation's: its top is the first message, read when reached.
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(page.getByTestId("message").first()).toContainText("Where the long chat begins");
  await expect(page.getByTestId("message").first()).toBeInViewport();
  expect(await domNodes()).toBeLessThan(5_000);
  await snapshot(page, "long-conversation-scrolled-up");

  // A fling (viewports a frame) passes the messages it has read as placeholders of their size;
  // where it stops, they show.
  const placeholders = await scroller.evaluate(async (el) => {
    let most = 0;
    for (let i = 0; i < 20; i++) {
      el.scrollTop += 2 * el.clientHeight;
      await new Promise(requestAnimationFrame);
      most = Math.max(most, el.querySelectorAll('[data-testid="message-seeking"]').length);
    }
    return most;
  });
  expect(placeholders).toBeGreaterThan(0);
  await expect(page.getByTestId("message-seeking")).toHaveCount(0);
  // ...and stay shown while the view rests (measuring them moves it: that is not a fling).
  const comeBack = await scroller.evaluate(async (el) => {
    let most = 0;
    for (let i = 0; i < 60; i++) {
      await new Promise(requestAnimationFrame);
      most = Math.max(most, el.querySelectorAll('[data-testid="message-seeking"]').length);
    }
    return most;
  });
  expect(comeBack).toBe(0);
  const shownInView = () =>
    page.getByTestId("message").evaluateAll(
      (messages) =>
        messages.filter((m) => {
          const box = m.getBoundingClientRect();
          return box.bottom > 0 && box.top < window.innerHeight;
        }).length,
    );
  await expect.poll(shownInView).toBeGreaterThan(0);

  // Back at the end, the search finds the first exchange; its link opens the chat there, 2,000
  // messages up.
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(page.getByText('Here is my answer about "Where the long chat begins"')).not.toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search conversations" });
  await search.fill("Where the long chat begins");
  const result = page.getByTestId("conversation-item").getByRole("link");
  await expect(result).toHaveCount(1);
  await expect(result).toHaveAttribute("href", new RegExp(`^/chat/${conversationId}\\?m=`));
  await result.click();
  await expect(page).toHaveURL(new RegExp(`/chat/${conversationId}\\?m=`));
  await expect(page.getByText('Here is my answer about "Where the long chat begins"')).toBeVisible();
  await expect(page.getByText("Long answer 1000:")).not.toBeVisible();
  // It is still the same conversation: a new message goes after the newest one.
  await send(page, "And the end?");
  await expect(page.getByTestId("answer").last()).toContainText('Here is my answer about "And the end?"');
  await expect(page.getByText("Long answer 1000:")).toBeVisible();
  // The view followed the new answer to its end (it was written, and formatted, after the message).
  await expect(page.getByTestId("answer").last()).toBeInViewport();
  await expect.poll(belowView).toBeLessThan(2);
});
