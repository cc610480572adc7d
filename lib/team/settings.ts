import "server-only";
import type { ModelId } from "../catalog/models";
import { db } from "../db/client";
import { serverCache } from "../server-cache";
import { policyOf, type SharingMode, type SignUpMode, type TeamPolicy } from "./team-policy";

// The team's settings row, kept in memory for the chat's hot path (which checks the model against
// it on every turn). An admin's change here is seen at once; other instances see it within 10 s.

const cache = serverCache("team-policy", 10_000, loadTeamPolicy);

export async function loadTeamPolicy(): Promise<TeamPolicy> {
  return policyOf(await db.teamSettings.findUnique({ where: { id: "team" } }));
}

export function teamPolicy(): Promise<TeamPolicy> {
  return cache.get();
}

export async function saveSignUpMode(signUp: SignUpMode): Promise<void> {
  await db.teamSettings.upsert({ where: { id: "team" }, create: { signUp }, update: { signUp } });
  cache.forget();
}

export async function saveSharingMode(sharing: SharingMode): Promise<void> {
  await db.teamSettings.upsert({ where: { id: "team" }, create: { sharing }, update: { sharing } });
  cache.forget();
}

export async function saveTeamModels(input: {
  enabledModels: ModelId[];
  defaultModel: ModelId | null;
  defaultConnectionId: string | null;
}): Promise<void> {
  await db.teamSettings.upsert({ where: { id: "team" }, create: input, update: input });
  cache.forget();
}

/** Whether the sign-up form is offered without an invite: sign-up open, or nobody here yet. */
export async function signUpOpen(): Promise<boolean> {
  const policy = await loadTeamPolicy();
  return policy.signUp === "open" || (await db.user.count()) === 0;
}
