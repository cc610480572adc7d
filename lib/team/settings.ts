import "server-only";
import type { ModelId } from "../catalog/models";
import { db } from "../db/client";
import { serverCache } from "../server-cache";
import { NEW_TEAM_POLICY, policyOf, type SharingMode, type SignUpMode, type TeamPolicy } from "./team-policy";

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
  // The row's column default ("open") predates invite-only sign-up: a new row names the policy.
  await db.teamSettings.upsert({
    where: { id: "team" },
    create: { ...input, signUp: NEW_TEAM_POLICY.signUp },
    update: input,
  });
  cache.forget();
}

/**
 * How someone without an invite may sign up now: "setup" while the team has no account (only
 * with the set-up link, lib/team/setup-token), else as the team's policy says.
 */
export async function signUpMode(): Promise<"setup" | SignUpMode> {
  const [policy, anyone] = await Promise.all([loadTeamPolicy(), db.user.findFirst({ select: { id: true } })]);
  return anyone ? policy.signUp : "setup";
}
