import "server-only";
import type { ModelId } from "../shared/catalog/models";
import { type ModelProfile, modelProfile } from "../shared/catalog/profile";
import { enabledOffers, startingPoint } from "../shared/team-policy";
import { teamPolicy } from "../team/settings";
import { envConnections, listConnections, modelsOf } from "./connections";

// What the browser may know about the platforms: names, and per connection the models with their
// limits, parameter ranges and features; never a URL or a key.
export interface ConnectionOption {
  id: string;
  label: string;
  models: ModelProfile[];
}

export interface PlatformStatus {
  /** Only the models the team may use (lib/team). */
  connections: ConnectionOption[];
  /** Where a new chat starts: the team's default connection and model, when offered. */
  start: { connection: string; model: ModelId } | null;
  /** Why there is no connection, when there is none. */
  problem: string | null;
}

export async function platformStatus(): Promise<PlatformStatus> {
  const [all, policy] = await Promise.all([listConnections(), teamPolicy()]);
  const offered = await Promise.all(
    all.map(async (c) => ({
      id: c.id,
      label: c.label,
      models: [...(await modelsOf(c)).keys()].flatMap((id) => modelProfile(c.platform, id) ?? []),
    })),
  );
  const connections = enabledOffers(offered, policy);
  if (connections.length > 0) return { connections, start: startingPoint(connections, policy), problem: null };
  if (offered.length > 0) {
    return {
      connections,
      start: null,
      problem: "None of the models your team may use is offered by a connected platform.",
    };
  }
  const { problems } = envConnections();
  return { connections, start: null, problem: problems[0] ?? "GLM_BASE_URL is not set." };
}
