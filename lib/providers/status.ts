import "server-only";
import { MODEL_IDS, type ModelId } from "../catalog/models";
import { readPlatformConfig } from "./configured";
import { servedModels } from "./platforms";

// What the browser may know about the configured platform: its name and abilities, never its
// URL or key.
export interface PlatformStatus {
  configured: boolean;
  label: string | null;
  thinkingSwitch: boolean;
  /** The catalog models this platform serves (all of them when none is configured). */
  models: ModelId[];
  problem: string | null;
}

export function platformStatus(): PlatformStatus {
  const result = readPlatformConfig();
  if (!result.ok) {
    return { configured: false, label: null, thinkingSwitch: false, models: [...MODEL_IDS], problem: result.problem };
  }
  const { platform } = result.config;
  return {
    configured: true,
    label: platform.label,
    thinkingSwitch: platform.thinkingSwitch,
    models: servedModels(platform),
    problem: null,
  };
}
