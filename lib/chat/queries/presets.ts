import "server-only";
import { db } from "../../db/client";
import { chatParametersSchema } from "../../shared/catalog/parameters";
import type { Preset, PresetInput } from "../../shared/chat/presets";

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

export async function presetExists(userId: string, name: string): Promise<boolean> {
  const row = await db.preset.findUnique({ where: { userId_name: { userId, name } }, select: { id: true } });
  return row !== null;
}

/** Saves under the name, replacing the user's preset of the same name. */
export async function upsertPreset(userId: string, input: PresetInput): Promise<Preset> {
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
