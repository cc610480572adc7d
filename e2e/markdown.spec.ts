import { expect, test } from "./fixtures";

// Code blocks are highlighted (a lazy chunk) with a copy button; LaTeX is typeset (another lazy
// chunk); both survive a reload. The model's text is echoed back by the simulator.

test("code is highlighted with a copy button, and LaTeX is typeset", async ({ page }) => {
  const prompt = [
    "Here:",
    "```python",
    "def square(x):",
    "    return x * x",
    "```",
    "and the formula \\(E = mc^2\\) costs $5 to $6. [[sim:echo]]",
  ].join("\n");
  await page.getByRole("textbox", { name: "Message" }).fill(prompt);
  await page.getByRole("textbox", { name: "Message" }).press("Enter");

  const answer = page.getByTestId("answer");
  const block = answer.getByTestId("code-block");
  await expect(block).toContainText("def square(x):");
  await expect(block.locator("pre")).toHaveAttribute("data-highlighted", "true");
  await expect(block.locator("pre span[style]").first()).toBeVisible();
  await expect(block.getByRole("button", { name: "Copy code" })).toBeVisible();
  await expect(answer.locator(".katex")).toHaveCount(1);
  // Single dollars stay prices.
  await expect(answer).toContainText("costs $5 to $6.");

  await page.reload();
  await expect(page.getByTestId("answer").getByTestId("code-block").locator("pre")).toHaveAttribute(
    "data-highlighted",
    "true",
  );
  await expect(page.getByTestId("answer").locator(".katex")).toHaveCount(1);
});
