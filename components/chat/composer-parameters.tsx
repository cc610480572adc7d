"use client";

import type { ModelProfile } from "@/lib/shared/catalog/profile";
import type { TurnSettings } from "@/lib/shared/chat/request-schema";
import { ParametersPanel } from "./parameters-panel";
import { SystemPrompt } from "./system-prompt";
import type { TurnSettingsChange } from "./use-turn-settings";

// The composer's Parameters section: the system prompt (with presets) and the sampling
// parameters. Its own module, loaded when the section is first asked for (composer.tsx).

export function ComposerParameters({
  userId,
  profile,
  systemPrompt,
  parameters,
  onSettingsChange,
}: {
  userId: string;
  profile: ModelProfile;
  systemPrompt: string;
  parameters: TurnSettings["parameters"];
  onSettingsChange: (change: TurnSettingsChange) => void;
}) {
  return (
    <>
      <SystemPrompt
        userId={userId}
        value={systemPrompt}
        onChange={(value) => onSettingsChange({ systemPrompt: value })}
        parameters={parameters}
        onApplyPreset={(preset) =>
          onSettingsChange({ systemPrompt: preset.systemPrompt, parameters: preset.parameters })
        }
      />
      <ParametersPanel
        profile={profile}
        parameters={parameters}
        onChange={(next) => onSettingsChange({ parameters: next })}
      />
    </>
  );
}
