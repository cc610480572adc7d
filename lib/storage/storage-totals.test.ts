import { randomUUID } from "node:crypto";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkSearchIndex,
  expectedSearchText,
  openDatabase,
  recountTotals,
  storedSearchText,
  storedTotals,
} from "@/test/storage-recount";
import { answerText, assistantOf, setUpTurnHarness, type TurnHarness, turn } from "@/test/turn-harness";

// The running totals (StorageTotal) and the search text (SearchText, SearchIndex) are kept by
// triggers: after every kind of write the app makes — turns, versions, branches, edits of an
// answer, renames, deleted messages and conversations, shares made and revoked, copies, presets,
// a deleted account — they equal a count from scratch.

const harness = setUpTurnHarness();
let h: TurnHarness;
let client: Client;
let carol: string;

beforeAll(async () => {
  h = harness;
  client = openDatabase(String(process.env.DATABASE_URL));
  carol = (await h.mod.createUser({ email: "carol@example.test", name: null, passwordHash: "x" })).id;
});

afterAll(() => client?.close());

async function expectTrueTotals() {
  expect(await storedTotals(client)).toEqual(await recountTotals(client));
  expect(await storedSearchText(client)).toEqual(await expectedSearchText(client));
  expect(await checkSearchIndex(client)).toEqual([]);
}

const options = { showThinking: true, showTools: true, showUsage: false };

describe("storage totals and the search text", () => {
  it("equal a full recount after every kind of write", { timeout: 60_000 }, async () => {
    const shares = await import("../share/shares");
    const presets = { ...(await import("../chat/queries/presets")), ...(await import("../chat/save-preset")) };
    const conversations = await import("../chat/queries/conversations");
    const turns = await import("../chat/queries/turn");
    const a = randomUUID();

    // New conversations, a next turn, an answer asked again (a version), several answers at once.
    await (await turn(h.alice, "Why is the sea salty?", { id: a, systemPrompt: "Be brief." })).text();
    await (await turn(h.alice, "And the Dead Sea?", { id: a })).text();
    const first = (await h.mod.getConversation(h.alice, a))?.messages[0];
    await (await turn(h.alice, "", { id: a, parentId: first?.id, regenerate: true })).text();
    // A branch: another message after the first question's answer.
    const firstAnswer = (await h.mod.getConversation(h.alice, a))?.messages.find((m) => m.parentId === first?.id);
    await (await turn(h.alice, "Tell me about 潮汐 instead", { id: a, parentId: firstAnswer?.id })).text();
    await (await turn(h.bob, "Bob's own question", {})).text();
    await expectTrueTotals();

    // An answer's parts change (a tool decision recorded, an answer that goes on).
    const answer = await assistantOf(h.alice, a);
    const before = JSON.stringify(answer?.parts);
    const after = [...((answer?.parts as unknown[]) ?? []), { type: "text", text: "A later paragraph." }];
    expect(await turns.claimToolDecisions(answer?.id ?? "", before, after)).toBe(true);
    expect(answerText(after)).not.toBe("");
    await expectTrueTotals();

    // Renamed, then a message and what follows it deleted.
    expect(await conversations.updateConversation(h.alice, a, { title: "Salt and tides" })).toBe(true);
    const secondQuestion = (await h.mod.getConversation(h.alice, a))?.messages.find(
      (m) => m.role === "user" && answerText(m.parts) === "And the Dead Sea?",
    );
    expect(await conversations.deleteMessage(h.alice, a, secondQuestion?.id ?? "")).not.toBeNull();
    await expectTrueTotals();

    // Shares: a snapshot (its copy counts) and a live link; one revoked; a copy continued by Bob.
    const snapshot = await shares.createShare(h.alice, a, { ...options, mode: "snapshot" });
    const live = await shares.createShare(h.alice, a, { ...options, mode: "live" });
    expect(await shares.revokeShare(h.alice, a, snapshot?.id ?? "")).toBe(true);
    const opened = await shares.openShare(live?.token ?? "");
    expect(opened).not.toBeNull();
    if (opened) expect(await shares.copyShare(h.bob, opened)).toEqual(expect.any(String));
    await expectTrueTotals();

    // Presets: saved, replaced under the same name, deleted.
    const pirate = await presets.savePreset(h.alice, { name: "Pirate", systemPrompt: "Arr.", parameters: {} });
    await presets.savePreset(h.alice, { name: "Pirate", systemPrompt: "Arr, matey!", parameters: { temperature: 1 } });
    await presets.savePreset(h.alice, { name: "Poet", systemPrompt: "In verse.", parameters: {} });
    expect(await presets.deletePreset(h.alice, pirate.id)).toBe(true);
    await expectTrueTotals();

    // The conversation deleted: its messages, shares and title go with it (cascades included).
    expect(await conversations.deleteConversation(h.alice, a)).toBe(true);
    await expectTrueTotals();
    expect((await storedTotals(client))[h.alice]).toMatchObject({ conversations: 0, shares: 0, presets: 1 });

    // An account deleted with everything it stored: its totals and search text go too.
    const c = randomUUID();
    await (await turn(carol, "Carol's question", { id: c })).text();
    await shares.createShare(carol, c, { ...options, mode: "snapshot" });
    await presets.savePreset(carol, { name: "Mine", systemPrompt: "x", parameters: {} });
    await h.mod.db.user.delete({ where: { id: carol } });
    await expectTrueTotals();
    expect((await storedTotals(client))[carol]).toBeUndefined();
  });
});

describe("a new account", () => {
  it("starts with empty totals", async () => {
    const dave = (await h.mod.createUser({ email: "dave@example.test", name: null, passwordHash: "x" })).id;
    expect((await storedTotals(client))[dave]).toEqual({ bytes: 0, conversations: 0, shares: 0, presets: 0 });
  });
});
