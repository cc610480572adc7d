import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { type ModelId, modelIdSchema } from "../shared/catalog/models";
import { detectPlatform, PLATFORMS, type PlatformDescription, platformIdSchema } from "../shared/platforms";
import { createDashScopeNative } from "./dashscope-native";
import { createRunware } from "./runware";
import { withLfLineEnds } from "./shared/line-ends";

// The platform this deployment talks to, from the environment. The API key is read here, on the
// server, and never leaves it. The connections admins add in the app are in connections.ts.

export interface ConfiguredPlatform {
  platform: PlatformDescription;
  baseURL: string;
  apiKey?: string;
}

export type PlatformConfigResult = { ok: true; config: ConfiguredPlatform } | { ok: false; problem: string };

export function readPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfigResult {
  const baseURL = env.GLM_BASE_URL?.trim();
  if (!baseURL) {
    return { ok: false, problem: "GLM_BASE_URL is not set." };
  }
  try {
    new URL(baseURL);
  } catch {
    // The value itself is not repeated: this text is shown to every signed-in user.
    return { ok: false, problem: "GLM_BASE_URL is not a valid URL." };
  }
  const explicit = env.GLM_PLATFORM?.trim();
  let platformId = detectPlatform(baseURL);
  if (explicit) {
    const parsed = platformIdSchema.safeParse(explicit);
    if (!parsed.success) {
      return {
        ok: false,
        problem: `GLM_PLATFORM must be one of ${platformIdSchema.options.join(", ")}; it is "${explicit}".`,
      };
    }
    platformId = parsed.data;
  }
  const apiKey = env.GLM_API_KEY?.trim() || undefined;
  if (!apiKey && platformId !== "openai-compatible") {
    return { ok: false, problem: `GLM_API_KEY is not set (${PLATFORMS[platformId].label} needs one).` };
  }
  return { ok: true, config: { platform: PLATFORMS[platformId], baseURL: baseURL.replace(/\/+$/, ""), apiKey } };
}

const providers = new Map<string, { chatModel: (modelId: string) => LanguageModelV3 }>();
const models = new Map<string, LanguageModelV3>();

/** The model with this id on the platform (its own id: see connections.modelsOf). */
export function languageModel(
  config: ConfiguredPlatform,
  upstreamModelId: string,
  /** A fetch of the call's own (lib/chat/candidates.ts): the model is then not shared. */
  fetch?: typeof globalThis.fetch,
): LanguageModelV3 {
  if (fetch) return createProvider(config, fetch).chatModel(upstreamModelId);
  const key = `${config.platform.id}|${config.baseURL}|${config.apiKey ?? ""}`;
  let provider = providers.get(key);
  if (!provider) {
    if (providers.size > 50) providers.clear(); // keys were rotated many times; start over
    provider = createProvider(config);
    providers.set(key, provider);
  }
  // One instance per model, reused: each builds its response schemas, which zod compiles on
  // first use (a new instance per turn cost about 2 ms before the first token).
  const modelKey = `${key}|${upstreamModelId}`;
  let model = models.get(modelKey);
  if (!model) {
    if (models.size > 200) models.clear();
    model = provider.chatModel(upstreamModelId);
    models.set(modelKey, model);
  }
  return model;
}

function createProvider({ platform, baseURL, apiKey }: ConfiguredPlatform, fetch?: typeof globalThis.fetch) {
  switch (platform.protocol) {
    case "dashscope-native":
      return createDashScopeNative({ baseURL: baseURL.replace(/\/api\/v1$/, ""), apiKey: apiKey ?? "" });
    case "runware":
      return createRunware({ baseURL, apiKey: apiKey ?? "", fetch });
    case "openai-compatible":
      // The SDK parses the events itself: line ends are made LF first (shared/line-ends.ts).
      return createOpenAICompatible({
        name: platform.id,
        baseURL,
        apiKey,
        includeUsage: true,
        fetch: withLfLineEnds(fetch),
      });
  }
}

/**
 * The models to fall back to, in order, when the requested one stays unavailable
 * (GLM_FALLBACK_MODELS, e.g. "glm-4.7,glm-4.5-air"); unknown ids are ignored.
 */
export function fallbackModels(
  served: ReadonlyMap<ModelId, string>,
  requested: ModelId,
  env: Record<string, string | undefined> = process.env,
): ModelId[] {
  return (env.GLM_FALLBACK_MODELS ?? "")
    .split(",")
    .map((id) => modelIdSchema.safeParse(id.trim()).data)
    .filter((id): id is ModelId => id !== undefined && id !== requested && served.has(id));
}
