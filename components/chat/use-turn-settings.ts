"use client";

import { useCallback, useState } from "react";
import type { ConversationSettings } from "@/lib/chat/conversation-settings";
import type { PlatformStatus } from "@/lib/providers/status";
import type { ModelId } from "@/lib/shared/catalog/models";
import { boundedParameters } from "@/lib/shared/catalog/parameters";
import { MAX_SYSTEM_PROMPT_CHARS } from "@/lib/shared/chat/presets";
import type { ModelSelection, TurnSettings } from "@/lib/shared/chat/request-schema";

// What the composer sets for the next turns, as one object: the platform and model, the switches
// (thinking, web search, tools, code, summarizing what a long conversation leaves out), the system prompt and sampling parameters the conversation
// keeps, and the answers asked for at once (not kept with the conversation). The user's values
// are kept as set; the request carries them bounded (turnRequestSettings), and the server fits
// them to the platform, as the parameters panel shows.

/** Some of the settings, changed together; the others stay. */
export type TurnSettingsChange = Partial<TurnSettings>;

export function useTurnSettings({
  platforms,
  initialConnection,
  initialModel,
  initialSettings,
}: {
  platforms: PlatformStatus;
  /** The connection the conversation last used, if any. */
  initialConnection?: string | null;
  initialModel: ModelId;
  initialSettings: ConversationSettings;
}) {
  const [settings, setSettings] = useState<TurnSettings>(() => ({
    ...initialSelection(platforms, initialConnection, initialModel),
    thinking: initialSettings.thinking,
    webSearch: initialSettings.webSearch,
    tools: initialSettings.tools,
    codeInterpreter: initialSettings.codeInterpreter,
    summarize: initialSettings.summarize,
    systemPrompt: initialSettings.systemPrompt,
    parameters: initialSettings.parameters,
    candidates: 1,
  }));
  const change = useCallback((next: TurnSettingsChange) => setSettings((s) => ({ ...s, ...next })), []);
  const connection = platforms.connections.find((c) => c.id === settings.connection);
  /** The chosen model on the chosen platform: what it accepts and supports. */
  const profile = connection?.models.find((m) => m.model === settings.model);
  return { settings, change, connection, profile };
}

/** The settings as a request carries them: the system prompt and parameters within their bounds. */
export function turnRequestSettings(settings: TurnSettings): TurnSettings {
  return {
    ...settings,
    systemPrompt: settings.systemPrompt.slice(0, MAX_SYSTEM_PROMPT_CHARS),
    parameters: boundedParameters(settings.parameters),
  };
}

/** The conversation's connection and model if they are still offered, else the first that is. */
function initialSelection(
  platforms: PlatformStatus,
  connection: string | null | undefined,
  model: ModelId,
): ModelSelection {
  const options = platforms.connections;
  const serves = (c: (typeof options)[number]) => c.models.some((m) => m.model === model);
  const same = options.find((c) => c.id === connection && serves(c));
  if (same) return { connection: same.id, model };
  const any = options.find(serves) ?? options.find((c) => c.models.length > 0);
  return { connection: any?.id ?? "", model: any && serves(any) ? model : (any?.models[0]?.model ?? model) };
}
