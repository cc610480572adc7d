import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// The team's settings row is made by whichever setting an admin saves first; the column's default
// sign-up mode ("open") predates invite-only teams, so every first write must name the mode.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let settings: typeof import("./settings");
let createUser: typeof import("@/test/users").createUser;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  settings = await import("./settings");
  ({ createUser } = await import("@/test/users"));
  await createUser({ email: "admin@example.test", name: null, passwordHash: "unused" });
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

describe("a new team's settings", () => {
  it("stays invite-only when the admin's first change is the sharing mode", async () => {
    expect(await settings.signUpMode()).toBe("invite");
    await settings.saveSharingMode("public");
    expect((await settings.loadTeamPolicy()).sharing).toBe("public");
    expect(await settings.signUpMode()).toBe("invite");
  });
});
