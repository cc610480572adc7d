import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, snapshot } from "./fixtures";

/** axe-core (WCAG 2.1 A/AA rules): no serious or critical violation; the state is attached as a screenshot. */
export async function expectAccessible(page: Page, state: string) {
  await snapshot(page, state);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join("; ")})`,
    );
  expect(serious, `${state}: accessibility violations`).toEqual([]);
}
