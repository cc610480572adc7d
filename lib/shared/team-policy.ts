import { z } from "zod";
import { MODEL_IDS, type ModelId, modelIdSchema } from "./catalog/models";

// The team's choices (an admin's, stored in TeamSettings) and what follows from them, as pure
// functions: which models the team may use, which model a new chat starts with, who may sign up and for how long an invite holds.

export const SIGN_UP_MODES = ["open", "invite"] as const;
export const signUpModeSchema = z.enum(SIGN_UP_MODES);
export type SignUpMode = z.infer<typeof signUpModeSchema>;

/** Who may open share links (lib/share/access): nobody, members signed in here, or anyone. */
export const SHARING_MODES = ["off", "signed-in", "public"] as const;
export const sharingModeSchema = z.enum(SHARING_MODES);
export type SharingMode = z.infer<typeof sharingModeSchema>;

/** How long an invite link can be made to last, in days (the form offers these). */
export const INVITE_VALIDITY_DAYS = [1, 7, 30] as const;

export interface TeamPolicy {
  signUp: SignUpMode;
  /** The catalog models the team may use, in catalog order. */
  enabledModels: readonly ModelId[];
  defaultModel: ModelId | null;
  defaultConnectionId: string | null;
  sharing: SharingMode;
  /** Whether members may call the team's GLM API (/v1) with personal keys (lib/keys). */
  apiAccess: boolean;
}

/**
 * A new team's policy: sign-up by invite (the first account, the admin, is made with the set-up
 * link: lib/team/setup-token), every model, no default.
 */
export const NEW_TEAM_POLICY: TeamPolicy = {
  signUp: "invite",
  enabledModels: MODEL_IDS,
  defaultModel: null,
  defaultConnectionId: null,
  sharing: "signed-in",
  apiAccess: true,
};

/** What an admin may save: at least one model, and a default among those enabled. */
export const teamModelsSchema = z
  .object({
    enabledModels: z.array(modelIdSchema).min(1),
    defaultModel: modelIdSchema.nullable(),
    defaultConnectionId: z.string().min(1).max(64).nullable(),
  })
  .refine((v) => v.defaultModel === null || v.enabledModels.includes(v.defaultModel), {
    path: ["defaultModel"],
    message: "The default model must be one the team may use.",
  });

/** The stored row as a policy; anything unreadable falls back to what a new team has. */
export function policyOf(
  row: {
    signUp: string;
    enabledModels: unknown;
    defaultModel: string | null;
    defaultConnectionId: string | null;
    sharing?: string;
    apiAccess?: boolean;
  } | null,
): TeamPolicy {
  if (!row) return NEW_TEAM_POLICY;
  const listed = z.array(z.string()).safeParse(row.enabledModels).data;
  const enabled = listed ? MODEL_IDS.filter((id) => listed.includes(id)) : MODEL_IDS;
  const defaultModel = modelIdSchema.safeParse(row.defaultModel).data ?? null;
  return {
    // Unreadable: the safe choice, which an admin can change.
    signUp: signUpModeSchema.safeParse(row.signUp).data ?? "invite",
    // An empty list would leave the team nothing to chat with: the schema refuses one, so a row
    // holding one was written by hand; treat it as "all".
    enabledModels: enabled.length > 0 ? enabled : MODEL_IDS,
    defaultModel: defaultModel && enabled.includes(defaultModel) ? defaultModel : null,
    defaultConnectionId: row.defaultConnectionId,
    // Unreadable (a later version's value): members only, as a new team starts.
    sharing: sharingModeSchema.safeParse(row.sharing).data ?? "signed-in",
    apiAccess: row.apiAccess ?? true,
  };
}

export function isModelEnabled(policy: TeamPolicy, model: ModelId): boolean {
  return policy.enabledModels.includes(model);
}

/** The models a connection serves (catalog id → its id there) that the team may use. */
export function enabledServed(served: ReadonlyMap<ModelId, string>, policy: TeamPolicy): Map<ModelId, string> {
  return new Map([...served].filter(([id]) => isModelEnabled(policy, id)));
}

interface Offer {
  id: string;
  models: readonly { model: ModelId }[];
}

/** Each connection with only the models the team may use; connections left with none are dropped. */
export function enabledOffers<T extends Offer>(connections: readonly T[], policy: TeamPolicy): T[] {
  return connections.flatMap((c) => {
    const models = c.models.filter((m) => isModelEnabled(policy, m.model));
    return models.length > 0 ? [{ ...c, models }] : [];
  });
}

/**
 * Where a new chat starts: the team's default connection and model when they are offered, else
 * the default model wherever it is offered, else the first model of the first connection.
 */
export function startingPoint(
  connections: readonly Offer[],
  policy: TeamPolicy,
): { connection: string; model: ModelId } | null {
  const offers = (c: Offer, model: ModelId | null) => model !== null && c.models.some((m) => m.model === model);
  const preferred = connections.find((c) => c.id === policy.defaultConnectionId);
  if (preferred && policy.defaultModel && offers(preferred, policy.defaultModel)) {
    return { connection: preferred.id, model: policy.defaultModel };
  }
  const withDefault = connections.find((c) => offers(c, policy.defaultModel));
  if (withDefault && policy.defaultModel) return { connection: withDefault.id, model: policy.defaultModel };
  const first = preferred?.models[0] ? preferred : connections.find((c) => c.models.length > 0);
  const model = first?.models[0];
  return first && model ? { connection: first.id, model: model.model } : null;
}
