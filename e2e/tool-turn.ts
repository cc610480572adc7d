import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, send } from "./fixtures";
import { upstreamCall } from "./simulator";

/**
 * Sends a message that makes the simulated model think, call the built-in current_time tool and
 * answer from its result; checks what the user sees. Returns the tag of the message.
 */
export async function expectThinkingThenToolCall(page: Page, options: { thinking?: boolean } = {}): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  await send(page, `What time is it in "Asia/Shanghai"? ${tag} [[sim:tool:current_time]]`);
  const answer = page
    .getByTestId("message")
    .filter({ has: page.getByTestId("tool-card") })
    .last();
  const card = answer.getByTestId("tool-card");
  await expect(card).toContainText("current_time");
  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await expect(card.getByTestId("tool-arguments")).toContainText('"timezone": "Asia/Shanghai"');
  await card.getByText("Result").click();
  await expect(card.getByTestId("tool-result")).toContainText('"timezone": "Asia/Shanghai"');
  await expect(answer.getByTestId("answer")).toContainText("The current_time tool returned:");
  await expect(answer).toHaveAttribute("data-status", "done");
  if (options.thinking !== false) {
    await expect(answer.getByTestId("reasoning").first().getByRole("button")).toHaveText(/Thought for/);
  }
  await upstreamCall(tag); // the simulator received it
  return tag;
}
