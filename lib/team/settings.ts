import "server-only";
import { serverCache } from "../server-cache";
import type { ModelId } from "../shared/catalog/models";
import { NEW_TEAM_POLICY, policyOf, type SharingMode, type SignUpMode, type TeamPolicy } from "../shared/team-policy";
import { hasAnyAccount } from "./queries/accounts";
import { findTeamSettings, type TeamSettingsFields, upsertTeamSettings } from "./queries/settings";

// The team's settings row, kept in memory for the chat's hot path (which checks the model against
// it on every turn). An admin's change here is seen at once; other instances see it within 10 s.

const cache = serverCache("team-policy", 10_000, loadTeamPolicy);

export async function loadTeamPolicy(): Promise<TeamPolicy> {
  return policyOf(await findTeamSettings());
}

export function teamPolicy(): Promise<TeamPolicy> {
  return cache.get();
}

/**
 * Writes the fields; the row is made by whichever setting an admin saves first, and the column's
 * default sign-up mode ("open") predates invite-only teams, so a new row names the new team's.
 */
async function saveSettings(fields: TeamSettingsFields): Promise<void> {
  await upsertTeamSettings(fields, { signUp: NEW_TEAM_POLICY.signUp, ...fields });
  cache.forget();
}

export function saveSignUpMode(signUp: SignUpMode): Promise<void> {
  return saveSettings({ signUp });
}

export function saveSharingMode(sharing: SharingMode): Promise<void> {
  return saveSettings({ sharing });
}

/** Whether members may call the team's GLM API with their keys (lib/keys/authenticate reads the row itself). */
export function saveApiAccess(apiAccess: boolean): Promise<void> {
  return saveSettings({ apiAccess });
}

export async function saveTeamModels(input: {
  enabledModels: ModelId[];
  defaultModel: ModelId | null;
  defaultConnectionId: string | null;
}): Promise<void> {
  await saveSettings(input);
}

/**
 * How someone without an invite may sign up now: "setup" while the team has no account (only
 * with the set-up link, lib/team/setup-token), else as the team's policy says.
 */
export async function signUpMode(): Promise<"setup" | SignUpMode> {
  const [policy, anyone] = await Promise.all([loadTeamPolicy(), hasAnyAccount()]);
  return anyone ? policy.signUp : "setup";
}
