import { randomUUID } from "node:crypto";
import { appAlert, chooseModel, expect, send, test } from "./fixtures";

// Each class of upstream error, on the platform whose codes produce it, becomes a message that
// says what happened and what to do. (A rejected key: chat.spec.ts.) Rate limits and outages are
// retried first (Retry-After, backoff), so these take a few seconds each.

const cases = [
  {
    model: "GLM-5.1 · DashScope",
    status: 400,
    message: "This conversation is too long for the model on DashScope. Start a new chat or shorten your message.",
  },
  {
    model: "GLM-4.7 · Zhipu BigModel",
    status: 429,
    message: "Zhipu BigModel is rate-limiting requests right now. Wait a moment and try again.",
  },
  {
    model: "GLM-5.1 · Runware",
    status: 500,
    message: "Runware is temporarily unavailable (HTTP 500). Try again in a minute.",
  },
  // After its retries and the fallback models (GLM_FALLBACK_MODELS) all failed the same way.
  {
    model: "GLM-5 · DashScope",
    status: 503,
    message: "DashScope is temporarily unavailable (HTTP 503). Try again in a minute.",
  },
];

for (const { model, status, message } of cases) {
  test(`HTTP ${status} from ${model.split(" · ")[1]} is shown as: ${message.split(".")[0]}`, async ({ page }) => {
    await chooseModel(page, model);
    await send(page, `Fail ${randomUUID().slice(0, 8)} [[sim:error:${status}]]`);
    await expect(appAlert(page).first()).toHaveText(message, { timeout: 20_000 });
    // What the user typed is kept in the conversation.
    await expect(page.getByTestId("message").first()).toContainText("Fail");
  });
}
