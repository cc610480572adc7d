import { describe, expect, it } from "vitest";
import { MAX_SYSTEM_PROMPT_CHARS } from "@/lib/shared/chat/presets";
import type { TurnSettings } from "@/lib/shared/chat/request-schema";
import { turnRequestSettings } from "./use-turn-settings";

const settings: TurnSettings = {
  connection: "env:default",
  model: "glm-5.1",
  thinking: true,
  webSearch: false,
  tools: true,
  codeInterpreter: false,
  systemPrompt: "x".repeat(MAX_SYSTEM_PROMPT_CHARS + 5),
  parameters: { temperature: 0.3, topK: 12.6, stopSequences: ["", "Done"] },
  candidates: 2,
};

describe("a turn's settings as a request carries them", () => {
  it("keeps the user's choices and bounds the system prompt and parameters", () => {
    const sent = turnRequestSettings(settings);
    expect(Object.keys(sent)).toEqual(Object.keys(settings));
    expect(sent).toMatchObject({ connection: "env:default", model: "glm-5.1", thinking: true, candidates: 2 });
    expect(sent.systemPrompt).toHaveLength(MAX_SYSTEM_PROMPT_CHARS);
    expect(sent.parameters).toEqual({ temperature: 0.3, topK: 13, stopSequences: ["Done"] });
    // The composer's own values stay as typed.
    expect(settings.systemPrompt).toHaveLength(MAX_SYSTEM_PROMPT_CHARS + 5);
  });
});
