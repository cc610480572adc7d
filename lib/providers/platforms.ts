import type { ProviderOptions } from "@ai-sdk/provider-utils";
import { z } from "zod";

// The platforms that serve GLM, and what differs between them: protocol, how thinking is
// switched, how they are recognised. Routes never branch on a platform: they ask its description.

export const PLATFORM_IDS = ["dashscope", "dashscope-native", "bigmodel", "acedata", "openai-compatible"] as const;
export const platformIdSchema = z.enum(PLATFORM_IDS);
export type PlatformId = z.infer<typeof platformIdSchema>;

export type Protocol = "openai-compatible" | "dashscope-native";

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
}

const isDashScopeHost = (url: URL) => url.hostname.includes("dashscope");

export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  dashscope: {
    id: "dashscope",
    label: "DashScope",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ dashscope: { enable_thinking: enabled } }),
    matches: (url) => url.pathname.startsWith("/compatible-mode/"),
  },
  "dashscope-native": {
    id: "dashscope-native",
    label: "DashScope",
    protocol: "dashscope-native",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ dashscope: { enable_thinking: enabled } }),
    // The API root of a region (https://dashscope-intl.aliyuncs.com), optionally with /api/v1.
    matches: (url) => isDashScopeHost(url) && /^\/(api\/v1\/?)?$/.test(url.pathname),
  },
  bigmodel: {
    id: "bigmodel",
    label: "Zhipu BigModel",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    thinkingOptions: (enabled) => ({ bigmodel: { thinking: { type: enabled ? "enabled" : "disabled" } } }),
    matches: (url) => /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/.test(url.hostname) || url.pathname.startsWith("/api/paas/"),
  },
  acedata: {
    id: "acedata",
    label: "AceData Cloud",
    protocol: "openai-compatible",
    // The AceData documentation names no thinking switch: its models think by their default.
    thinkingSwitch: false,
    thinkingOptions: () => ({}),
    matches: (url) => url.hostname.includes("acedata") || url.pathname.startsWith("/glm"),
  },
  "openai-compatible": {
    id: "openai-compatible",
    label: "Self-hosted (OpenAI-compatible)",
    protocol: "openai-compatible",
    thinkingSwitch: true,
    // vLLM and SGLang pass these to the GLM chat template, which reads `enable_thinking`.
    thinkingOptions: (enabled) => ({ "openai-compatible": { chat_template_kwargs: { enable_thinking: enabled } } }),
    matches: () => true,
  },
};

/** The platform a base URL belongs to; the generic OpenAI-compatible one when none matches. */
export function detectPlatform(baseUrl: string): PlatformId {
  const url = new URL(baseUrl);
  const order: PlatformId[] = ["dashscope", "dashscope-native", "bigmodel", "acedata", "openai-compatible"];
  return order.find((id) => PLATFORMS[id].matches(url)) ?? "openai-compatible";
}
