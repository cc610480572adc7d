import { expectAccessible } from "./axe";
import { expect, signIn, snapshot, test } from "./fixtures";
import { ADMIN } from "./servers";

// Storage quotas from both sides: a person at a quota is told which one and what to do, and the
// admin's storage page lists who is near a quota. The team's quotas stay at their defaults here
// (other tests share this server), so the person fills one: 200 presets.

const PRESETS_QUOTA = 200;

test("a person at the presets quota is told so; the admin sees who is near a quota", async ({
  page,
  browser,
  user,
}) => {
  for (let start = 0; start < PRESETS_QUOTA; start += 20) {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await page.request.post("/api/presets", {
          data: { name: `Preset ${start + i}`, systemPrompt: "Be brief.", parameters: {} },
        });
        return res.status();
      }),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
  }

  await page.getByRole("button", { name: "Parameters" }).click();
  await page.getByLabel("Preset name").fill("One too many");
  await page.getByRole("button", { name: "Save as preset" }).click();
  await expect(page.getByRole("status").filter({ hasText: "presets" })).toHaveText(
    "You have 200 presets, as many as your team allows (200). Delete presets you no longer use, or ask an admin to raise the limit.",
  );
  await snapshot(page, "presets quota reached");

  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/admin/users");
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Storage" }).click();
  await expect(admin.getByRole("heading", { name: "Storage", level: 1 })).toBeVisible();
  const row = admin.getByTestId("near-quota").getByRole("row").filter({ hasText: user.email });
  await expect(row).toContainText("200 of 200 (100%)");
  await expectAccessible(admin, "admin storage");

  // Saved blank, the defaults stay: the placeholders show them.
  await admin.getByRole("button", { name: "Save quotas" }).click();
  await expect(admin.getByTestId("storage-quota-form").getByRole("status")).toHaveText("Quotas saved.");
  await expect(admin.getByLabel("Presets")).toHaveAttribute("placeholder", "default: 200");
  await admin.getByLabel("Conversations").fill("many");
  await admin.getByRole("button", { name: "Save quotas" }).click();
  await expect(admin.getByText("A whole number of at least 0, or blank")).toBeVisible();
  await expect(admin.getByLabel("Conversations")).toHaveValue("many");
  await expectAccessible(admin, "admin storage, a refused value");
  await context.close();
});
