import { randomUUID } from "node:crypto";
import type { FetchFunction } from "@ai-sdk/provider-utils";
import { RunwareChatLanguageModel } from "./runware-chat-language-model";

export interface RunwareSettings {
  /** The task endpoint's base, e.g. https://api.runware.ai (the API path /v1 is added). */
  baseURL: string;
  apiKey: string;
  fetch?: FetchFunction;
}

export function createRunware(settings: RunwareSettings) {
  const url = `${settings.baseURL.replace(/\/+$/, "").replace(/\/v1$/, "")}/v1`;
  return {
    chatModel: (modelId: string) =>
      new RunwareChatLanguageModel(modelId, {
        provider: "runware",
        url,
        headers: () => ({ Authorization: `Bearer ${settings.apiKey}` }),
        fetch: settings.fetch,
        generateTaskUUID: randomUUID,
      }),
  };
}
