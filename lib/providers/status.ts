import "server-only";
import { type ModelProfile, modelProfile } from "../catalog/profile";
import { envConnections, listConnections, modelsOf } from "./connections";

// What the browser may know about the platforms: names, and per connection the models with their
// limits, parameter ranges and features; never a URL or a key.
export interface ConnectionOption {
  id: string;
  label: string;
  models: ModelProfile[];
}

export interface PlatformStatus {
  connections: ConnectionOption[];
  /** Why there is no connection, when there is none. */
  problem: string | null;
}

export async function platformStatus(): Promise<PlatformStatus> {
  const connections = await Promise.all(
    (await listConnections()).map(async (c) => ({
      id: c.id,
      label: c.label,
      models: [...(await modelsOf(c)).keys()].flatMap((id) => modelProfile(c.platform, id) ?? []),
    })),
  );
  if (connections.length > 0) return { connections, problem: null };
  const { problems } = envConnections();
  return { connections, problem: problems[0] ?? "GLM_BASE_URL is not set." };
}
