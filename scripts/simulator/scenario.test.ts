import { describe, expect, it } from "vitest";
import { planResponse } from "./scenario";

describe("planResponse", () => {
  it("paces a long answer as [[sim:pace:MS]] says, whatever else the prompt asks", () => {
    const plan = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Tell me [[sim:long:40]] [[sim:pace:75]]" }],
      thinking: false,
    });
    expect(plan.content).toHaveLength(40);
    expect(plan.delayMs).toBe(75);
    // Without it, a long answer streams without pauses.
    const unpaced = planResponse({
      model: "glm-5.1",
      messages: [{ role: "user", content: "Tell me [[sim:long:40]]" }],
      thinking: false,
    });
    expect(unpaced.delayMs).toBe(0);
  });
});
