import type { FetchFunction } from "@ai-sdk/provider-utils";
import { DashScopeNativeChatLanguageModel } from "./dashscope-native-chat-language-model";

export interface DashScopeNativeSettings {
  /** The region's API root, e.g. https://dashscope-intl.aliyuncs.com (no /api/v1). */
  baseURL: string;
  apiKey: string;
  fetch?: FetchFunction;
}

export function createDashScopeNative(settings: DashScopeNativeSettings) {
  const baseURL = settings.baseURL.replace(/\/+$/, "");
  return {
    chatModel: (modelId: string) =>
      new DashScopeNativeChatLanguageModel(modelId, {
        provider: "dashscope-native",
        baseURL,
        headers: () => ({ Authorization: `Bearer ${settings.apiKey}` }),
        fetch: settings.fetch,
      }),
  };
}
