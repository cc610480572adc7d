import { z } from "zod";
import { MODEL_IDS, type ModelId } from "../catalog/models";
import { acedata } from "./acedata";
import { bigmodel } from "./bigmodel";
import { dashscope, dashscopeNative } from "./dashscope";
import { runware } from "./runware";
import { selfHosted } from "./self-hosted";
import type { PlatformDescription, PlatformId } from "./types";

// The platforms that serve GLM, one module each: protocol, base URL, how thinking, web search and
// tool streaming are switched, which parameters it accepts with which limits, and its error codes.

export type * from "./types";

export const PLATFORM_IDS = [
  "dashscope",
  "dashscope-native",
  "bigmodel",
  "acedata",
  "runware",
  "openai-compatible",
] as const satisfies readonly PlatformId[];
export const platformIdSchema = z.enum(PLATFORM_IDS);

export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  dashscope,
  "dashscope-native": dashscopeNative,
  bigmodel,
  acedata,
  runware,
  "openai-compatible": selfHosted,
};

/** The platform a base URL belongs to; the generic OpenAI-compatible one when none matches. */
export function detectPlatform(baseUrl: string): PlatformId {
  const url = new URL(baseUrl);
  return PLATFORM_IDS.find((id) => PLATFORMS[id].matches(url)) ?? "openai-compatible";
}

/** The catalog models a platform serves, in catalog order. */
export function servedModels(platform: PlatformDescription): ModelId[] {
  return MODEL_IDS.filter((id) => platform.models[id] !== undefined);
}
