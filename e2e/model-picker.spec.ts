import { expectAccessible } from "./axe";
import { expect, modelPicker, test } from "./fixtures";

// The model picker: the team's models grouped by platform, each with what it can do there; typing
// filters, the keyboard chooses, and the choice is what the next message is sent with.

test("models are grouped by platform with their abilities, filtered by typing, chosen by keyboard", async ({
  page,
}) => {
  await expect(modelPicker(page)).toHaveAccessibleName(/^Model: GLM-5\.1 · DashScope$/);
  await modelPicker(page).click();
  const search = page.getByRole("combobox", { name: "Search models" });
  await expect(search).toBeFocused();
  const listbox = page.getByRole("listbox");
  await expect(listbox.getByRole("group", { name: "DashScope" })).toBeVisible();
  await expect(listbox.getByRole("group", { name: "Zhipu BigModel" })).toBeVisible();
  // What each model can do on that platform, from the catalog: BigModel has no web search for
  // GLM-5.1 while DashScope has; both think and call tools; the context is the model's.
  const option = (platform: string, label: string) =>
    page.locator(`[data-testid="model-option"][data-platform="${platform}"][data-label="${label}"]`);
  await expect(option("DashScope", "GLM-5.1")).toContainText("200K context");
  await expect(option("DashScope", "GLM-5.1")).toContainText("Thinking");
  await expect(option("DashScope", "GLM-5.1")).toContainText("Web search");
  await expect(option("Zhipu BigModel", "GLM-5.1")).toContainText("Tools");
  await expect(option("Zhipu BigModel", "GLM-5.1")).not.toContainText("Web search");
  await expectAccessible(page, "model picker");

  await search.fill("bigmodel 4.7");
  await expect(page.getByTestId("model-option")).toHaveCount(1);
  await expect(option("Zhipu BigModel", "GLM-4.7")).toBeVisible();
  await search.fill("no such model");
  await expect(page.getByText("No model matches.")).toBeVisible();
  await search.fill("4.7");
  await expect(page.getByTestId("model-option").first()).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("ArrowDown");
  const second = page.locator('[data-testid="model-option"][data-selected="true"]');
  const chosen = `${await second.getAttribute("data-label")} · ${await second.getAttribute("data-platform")}`;
  await page.keyboard.press("Enter");
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(modelPicker(page)).toHaveAccessibleName(`Model: ${chosen}`);
  await expect(modelPicker(page)).toBeFocused();
});
