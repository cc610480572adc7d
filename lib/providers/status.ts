import "server-only";
import type { ModelId } from "../catalog/models";
import { envConnections, listConnections, modelsOf } from "./connections";

// What the browser may know about the platforms: names, abilities and models per connection,
// never a URL or a key.
export interface ConnectionOption {
  id: string;
  label: string;
  thinkingSwitch: boolean;
  models: ModelId[];
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
      thinkingSwitch: c.platform.thinkingSwitch,
      models: [...(await modelsOf(c)).keys()],
    })),
  );
  if (connections.length > 0) return { connections, problem: null };
  const { problems } = envConnections();
  return { connections, problem: problems[0] ?? "GLM_BASE_URL is not set." };
}
