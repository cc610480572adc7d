import type { JSONValue } from "ai";
import { z } from "zod";

// The platforms that serve GLM over an OpenAI-compatible API, and what differs between them.
// Routes never branch on a platform: they ask its description. (Issue #3 adds the native
// DashScope and Runware protocols as their own AI SDK providers.)

export const PLATFORM_IDS = ["dashscope", "bigmodel", "acedata", "openai-compatible"] as const;
export const platformIdSchema = z.enum(PLATFORM_IDS);
export type PlatformId = z.infer<typeof platformIdSchema>;

export interface PlatformDescription {
  id: PlatformId;
  label: string;
  /** Whether a request can switch thinking on and off (otherwise the model's default applies). */
  thinkingSwitch: boolean;
  /** Body fields that switch thinking, merged into the request through providerOptions. */
  thinkingBody(enabled: boolean): Record<string, JSONValue>;
  /** Recognises the platform from its base URL when GLM_PLATFORM is not set. */
  matches(url: URL): boolean;
}

export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  dashscope: {
    id: "dashscope",
    label: "DashScope",
    thinkingSwitch: true,
    thinkingBody: (enabled) => ({ enable_thinking: enabled }),
    matches: (url) => url.hostname.includes("dashscope") || url.pathname.startsWith("/compatible-mode/"),
  },
  bigmodel: {
    id: "bigmodel",
    label: "Zhipu BigModel",
    thinkingSwitch: true,
    thinkingBody: (enabled) => ({ thinking: { type: enabled ? "enabled" : "disabled" } }),
    matches: (url) => /(^|\.)bigmodel\.cn$|(^|\.)z\.ai$/.test(url.hostname) || url.pathname.startsWith("/api/paas/"),
  },
  acedata: {
    id: "acedata",
    label: "AceData Cloud",
    // The AceData documentation names no thinking switch: its models think by their default.
    thinkingSwitch: false,
    thinkingBody: () => ({}),
    matches: (url) => url.hostname.includes("acedata") || url.pathname.startsWith("/glm"),
  },
  "openai-compatible": {
    id: "openai-compatible",
    label: "Self-hosted (OpenAI-compatible)",
    thinkingSwitch: true,
    // vLLM and SGLang pass these to the GLM chat template, which reads `enable_thinking`.
    thinkingBody: (enabled) => ({ chat_template_kwargs: { enable_thinking: enabled } }),
    matches: () => true,
  },
};

/** The platform a base URL belongs to; the generic OpenAI-compatible one when none matches. */
export function detectPlatform(baseUrl: string): PlatformId {
  const url = new URL(baseUrl);
  const order: PlatformId[] = ["dashscope", "bigmodel", "acedata", "openai-compatible"];
  return order.find((id) => PLATFORMS[id].matches(url)) ?? "openai-compatible";
}
