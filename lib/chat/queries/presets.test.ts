import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let presets: typeof import("./presets") & typeof import("../save-preset");
let db: typeof import("../../db/client").db;
let alice: string;
let bob: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  presets = { ...(await import("./presets")), ...(await import("../save-preset")) };
  db = (await import("../../db/client")).db;
  const users = await import("@/test/users");
  alice = (await users.createUser({ email: "pa@example.test", name: null, passwordHash: "x" })).id;
  bob = (await users.createUser({ email: "pb@example.test", name: null, passwordHash: "x" })).id;
});

afterAll(async () => {
  await db?.$disconnect();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

describe("presets", () => {
  it("saves by name (replacing the same name), lists and deletes only the user's own", async () => {
    await presets.savePreset(alice, { name: "Pirate", systemPrompt: "Arr.", parameters: { temperature: 0.3 } });
    const saved = await presets.savePreset(alice, { name: "Pirate", systemPrompt: "Arr!", parameters: {} });
    await presets.savePreset(bob, { name: "Pirate", systemPrompt: "Bob's", parameters: {} });
    expect(await presets.listPresets(alice)).toEqual([
      { id: saved.id, name: "Pirate", systemPrompt: "Arr!", parameters: {} },
    ]);
    expect(await presets.deletePreset(bob, saved.id)).toBe(false);
    expect(await presets.deletePreset(alice, saved.id)).toBe(true);
    expect(await presets.listPresets(alice)).toEqual([]);
    expect(await presets.listPresets(bob)).toHaveLength(1);
  });
});
