import "server-only";
import { db } from "../../db/client";
import type { ModelId } from "../../shared/catalog/models";
import type { SharingMode, SignUpMode } from "../../shared/team-policy";

// The team's settings: one row, "team" (lib/team/settings reads it as a policy).

const TEAM = "team";

export async function findTeamSettings() {
  return db.teamSettings.findUnique({ where: { id: TEAM } });
}

export interface TeamSettingsFields {
  signUp?: SignUpMode;
  sharing?: SharingMode;
  apiAccess?: boolean;
  enabledModels?: ModelId[];
  defaultModel?: ModelId | null;
  defaultConnectionId?: string | null;
}

/** Writes `fields` to the row; when there is none yet, it is made with `newRow`. */
export async function upsertTeamSettings(fields: TeamSettingsFields, newRow: TeamSettingsFields): Promise<void> {
  await db.teamSettings.upsert({ where: { id: TEAM }, create: newRow, update: fields });
}
