import { describe, expect, it } from "vitest";
import { MODEL_IDS } from "./catalog/models";
import { enabledOffers, NEW_TEAM_POLICY, policyOf, startingPoint, teamModelsSchema } from "./team-policy";

const connections = [
  { id: "a", models: [{ model: "glm-4.6" as const }, { model: "glm-3-turbo" as const }] },
  { id: "b", models: [{ model: "glm-5.1" as const }, { model: "glm-4.6" as const }] },
];

describe("team policy", () => {
  it("reads a missing or unreadable row as a new team's: sign-up by invite, every model", () => {
    expect(policyOf(null)).toEqual(NEW_TEAM_POLICY);
    expect(NEW_TEAM_POLICY.signUp).toBe("invite");
    const odd = policyOf({ signUp: "sometimes", enabledModels: [], defaultModel: "gpt-4", defaultConnectionId: null });
    expect(odd.signUp).toBe("invite");
    expect(
      policyOf({ signUp: "open", enabledModels: null, defaultModel: null, defaultConnectionId: null }).signUp,
    ).toBe("open");
    expect(odd.enabledModels).toEqual(MODEL_IDS);
    expect(odd.defaultModel).toBeNull();
  });

  it("keeps catalog order and drops a default that is not enabled", () => {
    const policy = policyOf({
      signUp: "invite",
      enabledModels: ["glm-4.6", "glm-5.1", "not-a-model"],
      defaultModel: "glm-3-turbo",
      defaultConnectionId: "b",
    });
    expect(policy).toMatchObject({ signUp: "invite", enabledModels: ["glm-5.1", "glm-4.6"], defaultModel: null });
  });

  it("offers only enabled models and drops connections left with none", () => {
    const policy = { ...NEW_TEAM_POLICY, enabledModels: ["glm-3-turbo" as const] };
    expect(enabledOffers(connections, policy)).toEqual([{ id: "a", models: [{ model: "glm-3-turbo" }] }]);
  });

  it("starts a new chat on the default connection and model, else wherever the default model is, else the first", () => {
    expect(
      startingPoint(connections, { ...NEW_TEAM_POLICY, defaultModel: "glm-4.6", defaultConnectionId: "b" }),
    ).toEqual({
      connection: "b",
      model: "glm-4.6",
    });
    // The chosen connection does not offer it: the default model wins over the connection.
    expect(
      startingPoint(connections, { ...NEW_TEAM_POLICY, defaultModel: "glm-5.1", defaultConnectionId: "a" }),
    ).toEqual({
      connection: "b",
      model: "glm-5.1",
    });
    // A connection but no model: its first model.
    expect(startingPoint(connections, { ...NEW_TEAM_POLICY, defaultConnectionId: "b" })).toEqual({
      connection: "b",
      model: "glm-5.1",
    });
    expect(startingPoint(connections, NEW_TEAM_POLICY)).toEqual({ connection: "a", model: "glm-4.6" });
    expect(startingPoint([], NEW_TEAM_POLICY)).toBeNull();
  });

  it("refuses to save no model at all, or a default that is switched off", () => {
    expect(
      teamModelsSchema.safeParse({ enabledModels: [], defaultModel: null, defaultConnectionId: null }).success,
    ).toBe(false);
    const off = teamModelsSchema.safeParse({
      enabledModels: ["glm-4.6"],
      defaultModel: "glm-5.1",
      defaultConnectionId: null,
    });
    expect(off.error?.issues[0]?.path).toEqual(["defaultModel"]);
  });
});
