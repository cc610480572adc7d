import "server-only";
import type { Preset, PresetInput } from "../shared/chat/presets";
import { checkStorage } from "../storage/storage";
import { presetExists, upsertPreset } from "./queries/presets";

/**
 * Saves under the name, replacing the user's preset of the same name. A new name must fit the
 * presets quota, and any save the bytes quota (lib/storage): 403 quota_exceeded otherwise.
 */
export async function savePreset(userId: string, input: PresetInput): Promise<Preset> {
  const replaces = await presetExists(userId, input.name);
  await checkStorage(userId, {
    bytes: Buffer.byteLength(input.systemPrompt) + Buffer.byteLength(JSON.stringify(input.parameters)),
    ...(replaces ? {} : { presets: 1 }),
  });
  return upsertPreset(userId, input);
}
