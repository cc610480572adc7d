import "server-only";
import { chatParametersSchema } from "../catalog/parameters";
import type { Preset, PresetInput } from "../chat/presets";
import { checkStorage } from "../storage/storage";
import { db } from "./client";

// A user's presets; every query is scoped to the user.

export async function listPresets(userId: string): Promise<Preset[]> {
  const rows = await db.preset.findMany({ where: { userId }, orderBy: { name: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    systemPrompt: r.systemPrompt,
    parameters: chatParametersSchema.catch({}).parse(r.parameters ?? {}),
  }));
}

/**
 * Saves under the name, replacing the user's preset of the same name. A new name must fit the
 * presets quota, and any save the bytes quota (lib/storage): 403 quota_exceeded otherwise.
 */
export async function savePreset(userId: string, input: PresetInput): Promise<Preset> {
  const replaces = await db.preset.findUnique({
    where: { userId_name: { userId, name: input.name } },
    select: { id: true },
  });
  await checkStorage(userId, {
    bytes: Buffer.byteLength(input.systemPrompt) + Buffer.byteLength(JSON.stringify(input.parameters)),
    ...(replaces ? {} : { presets: 1 }),
  });
  const data = { systemPrompt: input.systemPrompt, parameters: input.parameters };
  const row = await db.preset.upsert({
    where: { userId_name: { userId, name: input.name } },
    create: { userId, name: input.name, ...data },
    update: data,
  });
  return { id: row.id, ...input };
}

export async function deletePreset(userId: string, id: string): Promise<boolean> {
  const { count } = await db.preset.deleteMany({ where: { id, userId } });
  return count > 0;
}
