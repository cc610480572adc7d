import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness, turn } from "@/test/turn-harness";
import { newLinkToken } from "../crypto/link-token";

// Links made before tokens were hashed (the token itself in Share.token) keep working after the
// upgrade, and their tokens leave the database. In a file of its own: the upgrade runs once per
// process, before the first link is looked up.

const harness = setUpTurnHarness();
let h: TurnHarness;

beforeAll(() => {
  h = harness;
});

/** A link as the previous version stored it. */
async function legacyShare(text: string, mode: "snapshot" | "live") {
  const conversationId = randomUUID();
  await (await turn(h.alice, text, { id: conversationId })).text();
  const token = newLinkToken();
  const snapshot =
    mode === "snapshot"
      ? { title: text, messages: [{ role: "user", parts: [{ type: "text", text }], metadata: {} }] }
      : undefined;
  await h.mod.db
    .$executeRaw`INSERT INTO "Share" ("id", "token", "conversationId", "userId", "mode", "showTools", "snapshot", "createdAt")
    VALUES (${randomUUID()}, ${token}, ${conversationId}, ${h.alice}, ${mode}, true, ${snapshot ? JSON.stringify(snapshot) : null}, ${new Date().toISOString()})`;
  return token;
}

const storedTokens = async () =>
  (await h.mod.db.$queryRaw<{ token: string }[]>`SELECT "token" FROM "Share"`).map((r) => r.token);

describe("share links from before tokens were hashed", () => {
  it("open after the upgrade, and their tokens are replaced by hashes at the first lookup", async () => {
    const live = await legacyShare("Old live link", "live");
    const snapshot = await legacyShare("Old snapshot link", "snapshot");
    expect(await storedTokens()).toEqual(expect.arrayContaining([live, snapshot]));

    const shares = await import("./shares");
    expect((await shares.openShare(live))?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect((await shares.openShare(snapshot))?.title).toBe("Old snapshot link");
    const stored = await storedTokens();
    expect(stored).toHaveLength(2);
    for (const value of stored) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(live);

    // Run again (another instance starting): nothing left to do, the links still open.
    const { hashLegacyShareTokens } = await import("./legacy-tokens");
    expect(await hashLegacyShareTokens()).toBe(0);
    expect(await storedTokens()).toEqual(stored);
    expect(await shares.openShare(live)).not.toBeNull();
  });
});
