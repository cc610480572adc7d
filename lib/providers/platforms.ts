import type { ProviderOptions } from "@ai-sdk/provider-utils";
import { z } from "zod";
import { MODEL_IDS, type ModelId } from "../catalog/models";

// The platforms that serve GLM, and what differs between them: protocol, how thinking is
// switched, how they are recognised. Routes never branch on a platform: they ask its description.

export const PLATFORM_IDS = [
  "dashscope",
  "dashscope-native",
  "bigmodel",
  "acedata",
  "runware",
  "openai-compatible",
] as const;
export const platformIdSchema = z.enum(PLATFORM_IDS);
export type PlatformId = z.infer<typeof platformIdSchema>;

export type Protocol = "openai-compatible" | "dashscope-native" | "runware";

export interface PlatformDescription {
  id: PlatformId;
  label: string;
  protocol: Protocol;
  /** Whether a request can switch thinking on and off (otherwise the model's default applies). */
  thinkingSwitch: boolean;
  /** The providerOptions that switch thinking, in the platform's own parameter. */
  thinkingOptions(enabled: boolean): ProviderOptions;
  /** Recognises the platform from its base URL when GLM_PLATFORM is not set. */
  matches(url: URL): boolean;
  /** Where the platform usually is (the admin form's default). */
  defaultBaseUrl: string;
  /** The catalog models the platform serves, and the id each has there. */
  models: Partial<Record<ModelId, string>>;
}

/** Catalog ids served under the same name. */
const sameNames = (...ids: ModelId[]) =>
  Object.fromEntries(ids.map((id) => [id, id])) as Partial<Record<ModelId, string>>;
const DASHSCOPE_MODELS = sameNames("glm-5.1", "glm-5", "glm-4.7", "glm-4.6");

const isDashScopeHost = (url: URL) => url.hostname.includes("dashscope");

export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  dashscope: {
    id: "dashscope",
    label: "DashScope",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ dashscope: { enable_thinking: enabled } }),
    matches: (url) => url.pathname.startsWith("/compatible-mode/"),
    defaultBaseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    models: DASHSCOPE_MODELS,
  },
  "dashscope-native": {
    id: "dashscope-native",
    label: "DashScope",
    protocol: "dashscope-native",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ dashscope: { enable_thinking: enabled } }),
    // The API root of a region (https://dashscope-intl.aliyuncs.com), optionally with /api/v1.
    matches: (url) => isDashScopeHost(url) && /^\/(api\/v1\/?)?$/.test(url.pathname),
    defaultBaseUrl: "https://dashscope-intl.aliyuncs.com",
    models: DASHSCOPE_MODELS,
  },
  bigmodel: {
    id: "bigmodel",
    label: "Zhipu BigModel",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ bigmodel: { thinking: { type: enabled ? "enabled" : "disabled" } } }),
    matches: (url) => /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/.test(url.hostname) || url.pathname.startsWith("/api/paas/"),
    defaultBaseUrl: "https://open.bigmodel.cn/api/paas/v4",
    // Zhipu's own platform serves every GLM model under its own name.
    models: sameNames(...MODEL_IDS),
  },
  acedata: {
    id: "acedata",
    label: "AceData Cloud",
    protocol: "openai-compatible",
    // The AceData documentation names no thinking switch: its models think by their default.
    thinkingSwitch: false,
    thinkingOptions: () => ({}),
    matches: (url) => url.hostname.includes("acedata") || url.pathname.startsWith("/glm"),
    defaultBaseUrl: "https://api.acedata.cloud/glm",
    models: sameNames("glm-5.1", "glm-4.7", "glm-4.6", "glm-4.5-air", "glm-3-turbo"),
  },
  runware: {
    id: "runware",
    label: "Runware",
    protocol: "runware",
    thinkingSwitch: true,
    // "none" is documented; the name of the other level is not in our sources ("high" assumed).
    thinkingOptions: (enabled) => ({ runware: { thinkingLevel: enabled ? "high" : "none" } }),
    matches: (url) => url.hostname.includes("runware"),
    defaultBaseUrl: "https://api.runware.ai",
    models: { "glm-5.1": "zai:glm@5.1" },
  },
  "openai-compatible": {
    id: "openai-compatible",
    label: "Self-hosted (OpenAI-compatible)",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    // vLLM and SGLang pass these to the GLM chat template, which reads `enable_thinking`.
    thinkingOptions: (enabled) => ({ "openai-compatible": { chat_template_kwargs: { enable_thinking: enabled } } }),
    matches: () => true,
    defaultBaseUrl: "http://localhost:8000/v1",
    // Whatever the server was started with; the model list from /v1/models comes with issue #3.
    models: sameNames(...MODEL_IDS),
  },
};

/** The platform a base URL belongs to; the generic OpenAI-compatible one when none matches. */
export function detectPlatform(baseUrl: string): PlatformId {
  const url = new URL(baseUrl);
  const order: PlatformId[] = ["dashscope", "dashscope-native", "bigmodel", "acedata", "runware", "openai-compatible"];
  return order.find((id) => PLATFORMS[id].matches(url)) ?? "openai-compatible";
}

/** The catalog models a platform serves, in catalog order. */
export function servedModels(platform: PlatformDescription): ModelId[] {
  return MODEL_IDS.filter((id) => platform.models[id] !== undefined);
}
