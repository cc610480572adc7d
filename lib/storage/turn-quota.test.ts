import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setUpTurnHarness, type TurnHarness, turn } from "@/test/turn-harness";
import type { AppError } from "../errors";
import { DEFAULT_QUOTAS } from "../shared/quotas";

// Storage quotas as a user meets them: a turn, a share link or a preset that would pass one is
// refused with 403 quota_exceeded before anything is written or sent, saying which quota, the
// figures and what to do; freeing space lets the user go on.

const harness = setUpTurnHarness();
let h: TurnHarness;
let storage: typeof import("./storage");
let queries: typeof import("./queries");

beforeAll(async () => {
  h = harness;
  storage = await import("./storage");
  queries = await import("./queries");
});

afterEach(() =>
  queries.upsertStorageQuotas({ userBytes: null, userConversations: null, userShares: null, userPresets: null }),
);

const quotas = (set: Partial<Parameters<typeof queries.upsertStorageQuotas>[0]>) =>
  queries.upsertStorageQuotas({
    userBytes: null,
    userConversations: null,
    userShares: null,
    userPresets: null,
    ...set,
  });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: AppError) => e,
  );
  expect(error).toMatchObject({ code: "quota_exceeded", status: 403 });
  return error as AppError;
}

describe("storage quotas", () => {
  it("refuses a new conversation past the count before anything is written or sent", async () => {
    const { use } = await storage.readStorage(h.alice);
    await quotas({ userConversations: use.conversations + 1 });
    const first = randomUUID();
    await (await turn(h.alice, "One more is fine", { id: first })).text();

    const sent = h.sim.requests.length;
    const id = randomUUID();
    const error = await refusal(turn(h.alice, "One too many", { id }));
    expect(error.message).toBe(
      `You have ${use.conversations + 1} conversations, as many as your team allows (${use.conversations + 1}). Delete conversations you no longer need, or ask an admin to raise the limit.`,
    );
    expect(error.details).toEqual({
      quota: "conversations",
      used: use.conversations + 1,
      limit: use.conversations + 1,
    });
    expect(h.sim.requests.length).toBe(sent);
    expect(await h.mod.getConversation(h.alice, id)).toBeNull();

    // Existing conversations go on; deleting one makes room for a new one.
    expect((await turn(h.alice, "Still here", { id: first })).status).toBe(200);
    const { deleteConversation } = await import("../chat/queries/conversations");
    expect(await deleteConversation(h.alice, first)).toBe(true);
    expect((await turn(h.alice, "Now it fits", { id })).status).toBe(200);
  });

  it("refuses a message past the bytes, never an answer; over the limit, nothing new starts", async () => {
    const id = randomUUID();
    await (await turn(h.bob, "A first question", { id })).text();
    const { use } = await storage.readStorage(h.bob);
    // Room for a short message, not for its answer.
    await quotas({ userBytes: use.bytes + 200 });

    const long = "x".repeat(300);
    const sent = h.sim.requests.length;
    const error = await refusal(turn(h.bob, long, { id }));
    expect(error.details).toMatchObject({ quota: "bytes", used: use.bytes, limit: use.bytes + 200 });
    expect(error.message).toMatch(
      /^This would take you past the [\d.]+ MB of storage your team allows \([\d.]+ MB used\)\. Delete conversations/,
    );
    expect(h.sim.requests.length).toBe(sent);
    expect((await h.mod.getConversation(h.bob, id))?.messages).toHaveLength(2);

    // The answer is saved whole though it passes the limit: its tokens were spent.
    await (await turn(h.bob, "Short", { id })).text();
    const conversation = await h.mod.getConversation(h.bob, id);
    expect(conversation?.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect((await storage.readStorage(h.bob)).use.bytes).toBeGreaterThan(use.bytes + 200);

    // Past it, nothing new starts, not even an answer asked again, until space is freed.
    await refusal(turn(h.bob, "Hi", { id }));
    const first = conversation?.messages[0];
    await refusal(turn(h.bob, "", { id, parentId: first?.id, regenerate: true }));
    const { deleteMessage } = await import("../chat/queries/conversations");
    const last = conversation?.messages[2];
    expect(await deleteMessage(h.bob, id, last?.id ?? "")).not.toBeNull();
    expect((await turn(h.bob, "Hi", { id })).status).toBe(200);
  });

  it("refuses a share link past the count, and one revoked makes room", async () => {
    const shares = await import("../share/shares");
    const id = randomUUID();
    await (await turn(h.alice, "Worth sharing", { id })).text();
    const { use } = await storage.readStorage(h.alice);
    await quotas({ userShares: use.shares + 1 });
    const options = { mode: "live", showThinking: false, showTools: false, showUsage: false } as const;
    const link = await shares.createShare(h.alice, id, options);
    const error = await refusal(shares.createShare(h.alice, id, options));
    expect(error.message).toContain("working share links, as many as your team allows");
    expect(await shares.listShares(h.alice, id)).toHaveLength(1);
    expect(await shares.revokeShare(h.alice, id, link?.id ?? "")).toBe(true);
    expect(await shares.createShare(h.alice, id, options)).not.toBeNull();
  });

  it("refuses to continue a shared chat as a new conversation past the viewer's count", async () => {
    const shares = await import("../share/shares");
    const id = randomUUID();
    await (await turn(h.alice, "Shared with Bob", { id })).text();
    const options = { mode: "live", showThinking: false, showTools: false, showUsage: false } as const;
    const opened = await shares.openShare((await shares.createShare(h.alice, id, options))?.token ?? "");
    if (!opened) throw new Error("the link should open");
    const { use } = await storage.readStorage(h.bob);
    await quotas({ userConversations: use.conversations });
    await refusal(shares.copyShare(h.bob, opened));
    expect((await storage.readStorage(h.bob)).use.conversations).toBe(use.conversations);
    await quotas({ userConversations: use.conversations + 1 });
    expect(await shares.copyShare(h.bob, opened)).toEqual(expect.any(String));
  });

  it("refuses a new preset past the count; replacing one by name still works", async () => {
    const presets = { ...(await import("../chat/queries/presets")), ...(await import("../chat/save-preset")) };
    await quotas({ userPresets: 1 });
    const kept = await presets.savePreset(h.bob, { name: "Terse", systemPrompt: "Be terse.", parameters: {} });
    await refusal(presets.savePreset(h.bob, { name: "Verbose", systemPrompt: "Say more.", parameters: {} }));
    await presets.savePreset(h.bob, { name: "Terse", systemPrompt: "Be very terse.", parameters: {} });
    expect((await presets.listPresets(h.bob)).map((p) => p.systemPrompt)).toEqual(["Be very terse."]);
    expect(await presets.deletePreset(h.bob, kept.id)).toBe(true);
    await presets.savePreset(h.bob, { name: "Verbose", systemPrompt: "Say more.", parameters: {} });
  });

  it("is worded in Chinese too", async () => {
    const { localized } = await import("../i18n/app-error");
    await quotas({ userPresets: 0 });
    const presets = { ...(await import("../chat/queries/presets")), ...(await import("../chat/save-preset")) };
    const error = await refusal(presets.savePreset(h.alice, { name: "Any", systemPrompt: "", parameters: {} }));
    expect(localized(error, "zh-CN").message).toMatch(/^你已有 0 个预设，达到团队允许的上限（0 个）。/);
    expect(DEFAULT_QUOTAS.presets).toBeGreaterThan(0);
  });
});
