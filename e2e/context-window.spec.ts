import path from "node:path";
import { seedLongHistory } from "../test/long-history";
import { expect, send, snapshot, test } from "./fixtures";
import { conversationIdOf } from "./saved-answers";

// A conversation whose history is past the model's context window (glm-5.1: 200K) still gets an
// answer: the server sends the latest turns that fit (the simulator refuses a longer prompt, as
// the platforms do), the chat marks where what the model saw begins, and the header's meter says
// how much of the window it took. The long history is a few huge messages written straight into
// the app's database (test/long-history.ts): no model writes 240K tokens in a test's time.

const APP_DATABASE = `file:${path.resolve("data/e2e/app.db")}`;

test("a conversation past the window is answered from the turns that fit, and says what was left out", async ({
  page,
}) => {
  await send(page, "Hello");
  await expect(page.getByTestId("answer")).toContainText('Here is my answer about "Hello"');
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  // Saved (its usage counted): the history is written after it, not under an answer still settling.
  await expect(page.getByTestId("conversation-totals")).toBeVisible();
  // Nothing was left out of the first answer's request: no marker, and a small share of the window.
  const meter = page.getByTestId("context-meter");
  await expect(meter).toContainText(/^\d+(\.\d)? ?\/ 200K|^\d+(\.\d)?K \/ 200K/);
  await expect(page.getByTestId("context-marker")).toHaveCount(0);

  // Three questions and answers of 40K tokens each after it: 240K tokens, past the window.
  const conversationId = conversationIdOf(page.url());
  await seedLongHistory(APP_DATABASE, { conversationId, pairs: 3, tokens: 40_000 });
  await page.reload();
  await expect(page.getByTestId("message")).toHaveCount(8);

  await send(page, "And now?");
  await expect(page.getByTestId("answer").last()).toContainText('Here is my answer about "And now?"');
  // The model saw the last two long questions, their answers and the new message: 5 messages of
  // context (the conversation took the output's room down to an eighth of the window).
  await expect(page.getByTestId("answer").last()).toContainText("It has 5 message(s) of context.");

  const marker = page.getByTestId("context-marker");
  await expect(marker).toHaveText("Earlier messages were not sent to the model");
  await expect(marker).toHaveAttribute("title", /4 messages above were left out/);
  await expect(marker.locator("xpath=following-sibling::*[1]")).toContainText("Long question 2:");
  await expect(meter).toContainText(/^\d+(\.\d)?K \/ 200K/);
  await expect(meter).toHaveAttribute(
    "title",
    /about \d+(\.\d)?K tokens \(estimated\) of its 200K-token context window\. 4 earlier messages were left out/,
  );
  const sent = Number(/^(\d+(?:\.\d)?)K/.exec((await meter.textContent()) ?? "")?.[1]);
  expect(sent).toBeGreaterThan(160);
  expect(sent).toBeLessThanOrEqual(175);
  await marker.scrollIntoViewIfNeeded();
  await snapshot(page, "context-window-marker-and-meter");

  // What the answer's request sent is kept with it.
  await page.reload();
  await expect(page.getByTestId("context-marker")).toHaveCount(1);
  await expect(page.getByTestId("context-marker").locator("xpath=following-sibling::*[1]")).toContainText(
    "Long question 2:",
  );
  await expect(page.getByTestId("context-meter")).toContainText(`${sent}K / 200K`);
});
