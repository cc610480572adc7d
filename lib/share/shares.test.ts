import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness, turn } from "@/test/turn-harness";

// Share links against a real database, on conversations made by real turns.

const harness = setUpTurnHarness();
let h: TurnHarness;
let shares: typeof import("./shares");
let access: typeof import("./access");
let settings: typeof import("../team/settings");

beforeAll(async () => {
  h = harness;
  shares = await import("./shares");
  access = await import("./access");
  settings = await import("../team/settings");
});

const options = { showThinking: false, showTools: true, showUsage: false };

async function conversation(text: string) {
  const id = randomUUID();
  await (await turn(h.alice, text, { id })).text();
  return id;
}

describe("share links", () => {
  it("a snapshot shows the conversation as it was; a live link shows what came after", async () => {
    const id = await conversation("First question");
    const snapshot = await shares.createShare(h.alice, id, { ...options, mode: "snapshot" });
    const live = await shares.createShare(h.alice, id, { ...options, mode: "live" });
    expect(snapshot?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await (await turn(h.alice, "Second question", { id })).text();

    const roles = async (token = "") => (await shares.openShare(token))?.messages.map((m) => m.role);
    expect(await roles(snapshot?.token)).toEqual(["user", "assistant"]);
    expect(await roles(live?.token)).toEqual(["user", "assistant", "user", "assistant"]);
    // Thinking was not chosen: none of it leaves.
    const opened = await shares.openShare(live?.token ?? "");
    expect(opened?.messages.flatMap((m) => m.parts).some((p) => p.type === "reasoning")).toBe(false);
    expect(JSON.stringify(opened)).not.toContain(h.alice);
  });

  it("only the owner makes, lists and revokes links; a revoked or unknown token opens nothing", async () => {
    const id = await conversation("Private question");
    expect(await shares.createShare(h.bob, id, { ...options, mode: "snapshot" })).toBeNull();
    const share = await shares.createShare(h.alice, id, { ...options, mode: "snapshot" });
    expect(await shares.listShares(h.bob, id)).toEqual([]);
    expect((await shares.listShares(h.alice, id)).map((s) => s.id)).toEqual([share?.id]);
    expect(await shares.revokeShare(h.bob, id, share?.id ?? "")).toBe(false);
    expect(await shares.openShare(share?.token ?? "")).not.toBeNull();

    expect(await shares.revokeShare(h.alice, id, share?.id ?? "")).toBe(true);
    expect(await shares.openShare(share?.token ?? "")).toBeNull();
    expect(await shares.listShares(h.alice, id)).toEqual([]);
    expect(await shares.openShare("A".repeat(43))).toBeNull();
    expect(await shares.openShare("../../etc")).toBeNull();
  });

  it("a disabled account's links open nothing, and it cannot make new ones", async () => {
    const id = await conversation("Before leaving");
    const share = await shares.createShare(h.alice, id, { ...options, mode: "live" });
    await h.mod.db.user.update({ where: { id: h.alice }, data: { disabledAt: new Date() } });
    try {
      expect(await shares.openShare(share?.token ?? "")).toBeNull();
      expect(await shares.createShare(h.alice, id, { ...options, mode: "live" })).toBeNull();
    } finally {
      await h.mod.db.user.update({ where: { id: h.alice }, data: { disabledAt: null } });
    }
    expect(await shares.openShare(share?.token ?? "")).not.toBeNull();
  });

  it("a deleted conversation's links open nothing", async () => {
    const id = await conversation("Soon gone");
    const share = await shares.createShare(h.alice, id, { ...options, mode: "snapshot" });
    await h.mod.db.conversation.delete({ where: { id } });
    expect(await shares.openShare(share?.token ?? "")).toBeNull();
  });

  it("continuing copies what the link shows into the viewer's own conversation, and nothing more", async () => {
    const id = await conversation("Copy me");
    await h.mod.db.conversation.update({ where: { id }, data: { settings: { systemPrompt: "secret instructions" } } });
    const share = await shares.createShare(h.alice, id, { ...options, mode: "snapshot", showThinking: false });
    const opened = await shares.openShare(share?.token ?? "");
    if (!opened) throw new Error("the link does not open");
    const copyId = await shares.copyShare(h.bob, opened);
    const copy = await h.mod.getConversation(h.bob, copyId ?? "");
    expect(copy?.title).toBe("Copy me");
    expect(copy?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(copy?.headId).toBe(copy?.messages[1].id);
    expect(copy?.messages[1].parentId).toBe(copy?.messages[0].id);
    expect(JSON.stringify(copy)).not.toMatch(/secret instructions|"reasoning"/);
    // Bob's copy is his; Alice's conversation is untouched.
    expect(copy?.userId).toBe(h.bob);
    expect((await h.mod.getConversation(h.alice, id))?.messages).toHaveLength(2);
  });

  it("stores only the token's hash: the link is handed out once, when it is made", async () => {
    const id = await conversation("Hashed");
    const share = await shares.createShare(h.alice, id, { ...options, mode: "live" });
    const token = share?.token ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await h.mod.db.$queryRaw<{ token: string }[]>`SELECT "token" FROM "Share" WHERE "id" = ${share?.id}`;
    expect(rows).toEqual([{ token: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(JSON.stringify(await h.mod.db.share.findMany())).not.toContain(token);
    // The owner's list says which links work, not what they are.
    const [listed] = await shares.listShares(h.alice, id);
    expect(listed.id).toBe(share?.id);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(await shares.openShare(token)).not.toBeNull();
    // Its hash is not a token that opens it.
    expect(await shares.openShare(rows[0].token.slice(0, 43))).toBeNull();
  });

  it("hides tool calls unless the owner shows them", async () => {
    const { shareOptionsSchema } = await import("./share-schema");
    expect(shareOptionsSchema.parse({})).toEqual({
      mode: "snapshot",
      showThinking: false,
      showTools: false,
      showUsage: false,
    });
  });

  it("follows the team's sharing setting: off hides every link, signed-in asks a signed-out reader to sign in", async () => {
    const id = await conversation("Setting");
    const share = await shares.createShare(h.alice, id, { ...options, mode: "snapshot" });
    const token = share?.token ?? "";
    const bob = { id: h.bob };
    try {
      // A new team: members only.
      expect(await access.sharingMode()).toBe("signed-in");
      expect(await access.readShare(token, null)).toEqual({ kind: "sign-in" });
      // Nothing is looked up for a signed-out reader: an unknown link asks the same.
      expect(await access.readShare("B".repeat(43), null)).toEqual({ kind: "sign-in" });
      expect((await access.readShare(token, bob)).kind).toBe("open");
      expect((await access.readShare("B".repeat(43), bob)).kind).toBe("not-found");

      await settings.saveSharingMode("public");
      expect((await access.readShare(token, null)).kind).toBe("open");

      await settings.saveSharingMode("off");
      expect(await access.readShare(token, null)).toEqual({ kind: "not-found" });
      expect(await access.readShare(token, bob)).toEqual({ kind: "not-found" });

      // Switched on again, the link works again: "off" revokes nothing.
      await settings.saveSharingMode("signed-in");
      expect((await access.readShare(token, bob)).kind).toBe("open");
    } finally {
      await settings.saveSharingMode("signed-in");
    }
  });
});
