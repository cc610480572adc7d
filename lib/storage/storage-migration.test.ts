import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  checkSearchIndex,
  expectedSearchText,
  recountTotals,
  storedSearchText,
  storedTotals,
} from "@/test/storage-recount";

// The migration that brings quotas and the search index fills both from the rows already there:
// an upgraded team finds its old conversations and has true totals from the first request.

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const THIS = "20261202130000_storage_quotas_and_search";
const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-storage-migration-"));
const url = `file:${path.join(dir, "old.db")}`;

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 10, 0, i)).toISOString().replace("Z", "+00:00");

describe("storage migration", () => {
  it("counts and indexes the data of a database made before it", async () => {
    const client = createClient({ url });
    for (const name of readdirSync(MIGRATIONS)
      .filter((n) => /^\d/.test(n) && n < THIS)
      .sort()) {
      await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    }
    const parts = (...p: unknown[]) => JSON.stringify(p);
    await client.batch(
      [
        `INSERT INTO "User" ("id", "email", "createdAt", "updatedAt") VALUES
          ('u-ann', 'ann@example.test', '${at(1)}', '${at(1)}'), ('u-ben', 'ben@example.test', '${at(2)}', '${at(2)}'),
          ('u-new', 'new@example.test', '${at(3)}', '${at(3)}')`,
        `INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "settings", "createdAt", "updatedAt") VALUES
          ('c-tides', 'u-ann', 'Why tides happen', 'glm-5.1', 'dashscope', '{"systemPrompt":"Be brief."}', '${at(4)}', '${at(9)}'),
          ('c-tea', 'u-ann', '茶', 'glm-5.1', 'dashscope', NULL, '${at(5)}', '${at(8)}'),
          ('c-ben', 'u-ben', 'Ben asks about tides', 'glm-5.1', 'dashscope', '{}', '${at(6)}', '${at(7)}')`,
        {
          sql: `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "createdAt") VALUES
            ('m1', 'c-tides', NULL, 'user', ?, '${at(10)}'),
            ('m2', 'c-tides', 'm1', 'assistant', ?, '${at(11)}'),
            ('m3', 'c-tea', NULL, 'user', ?, '${at(12)}'),
            ('m4', 'c-tea', 'm3', 'assistant', ?, '${at(13)}'),
            ('m5', 'c-ben', NULL, 'user', ?, '${at(14)}')`,
          args: [
            parts({ type: "text", text: "Explain TIDES" }),
            parts(
              { type: "step-start" },
              { type: "reasoning", text: "secret lunar reasoning" },
              { type: "text", text: "The moon pulls the sea." },
              { type: "text", text: "Twice a day." },
            ),
            parts({ type: "text", text: "推荐一款绿茶" }, "a stray string part", 42),
            // Not JSON at all: counted, never searched, and the migration does not stop on it.
            "not json",
            parts({ type: "text", text: "tides for ben" }),
          ],
        },
        {
          sql: `INSERT INTO "Share" ("id", "token", "conversationId", "userId", "mode", "snapshot", "createdAt", "revokedAt") VALUES
            ('s1', 't1', 'c-tides', 'u-ann', 'snapshot', ?, '${at(15)}', NULL),
            ('s2', 't2', 'c-tides', 'u-ann', 'live', NULL, '${at(16)}', NULL),
            ('s3', 't3', 'c-tea', 'u-ann', 'snapshot', '{"title":"茶","messages":[]}', '${at(17)}', '${at(18)}')`,
          args: [JSON.stringify({ title: "Why tides happen", messages: [{ role: "user", parts: [] }] })],
        },
        `INSERT INTO "Preset" ("id", "userId", "name", "systemPrompt", "parameters") VALUES
          ('p1', 'u-ann', 'Pirate', 'Arr.', '{"temperature":0.3}'), ('p2', 'u-ben', 'Poet', '诗', NULL)`,
      ],
      "write",
    );

    await client.executeMultiple(readFileSync(path.join(MIGRATIONS, THIS, "migration.sql"), "utf8"));

    const totals = await storedTotals(client);
    expect(totals).toEqual(await recountTotals(client));
    expect(totals["u-ann"]).toMatchObject({ conversations: 2, shares: 2, presets: 1 });
    expect(totals["u-new"]).toEqual({ bytes: 0, conversations: 0, shares: 0, presets: 0 });
    expect(await storedSearchText(client)).toEqual(await expectedSearchText(client));
    expect(await checkSearchIndex(client)).toEqual([]);
    // The migrations after it, so that today's queries find today's columns.
    for (const name of readdirSync(MIGRATIONS)
      .filter((n) => /^\d/.test(n) && n > THIS)
      .sort()) {
      await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
    }
    client.close();

    // The search finds the old rows, each user only their own, and not thinking.
    vi.stubEnv("DATABASE_URL", url);
    const { searchConversations } = await import("../chat/queries/conversations");
    const ids = async (user: string, q: string) => (await searchConversations(user, q)).map((c) => c.id);
    expect(await ids("u-ann", "tides")).toEqual(["c-tides"]);
    expect(await ids("u-ben", "tides")).toEqual(["c-ben"]);
    expect(await ids("u-ann", "twice a DAY")).toEqual(["c-tides"]);
    expect(await ids("u-ann", "lunar")).toEqual([]);
    expect(await ids("u-ann", "一款绿茶")).toEqual(["c-tea"]);
    expect(await ids("u-ann", "绿茶")).toEqual(["c-tea"]);
    expect(await ids("u-ann", "stray string")).toEqual([]);
  });
});
