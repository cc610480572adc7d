import "server-only";
import { readPlatformConfig } from "./configured";

// What the browser may know about the configured platform: its name and abilities, never its
// URL or key.
export interface PlatformStatus {
  configured: boolean;
  label: string | null;
  thinkingSwitch: boolean;
  problem: string | null;
}

export function platformStatus(): PlatformStatus {
  const result = readPlatformConfig();
  if (!result.ok) return { configured: false, label: null, thinkingSwitch: false, problem: result.problem };
  const { platform } = result.config;
  return { configured: true, label: platform.label, thinkingSwitch: platform.thinkingSwitch, problem: null };
}
