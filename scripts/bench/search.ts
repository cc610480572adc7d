// npx tsx --conditions=react-server scripts/bench/search.ts: conversation search before and after
// the FTS5 index, on a seeded database (it never fails on timing). Seeds BENCH_MESSAGES messages
// for the searching user (default 50,000) and as many for three other users, with the migrations
// before 20261202130000_storage_quotas_and_search; times main's LIKE search; applies that
// migration (timed: it fills the totals and the index from the rows there); times the new
// search (searchConversations itself); and times writing a turn (a user message and an answer)
// with and without the triggers. Local SQLite file, as `npm run dev` uses.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Client, createClient, type InStatement } from "@libsql/client";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const STORAGE_MIGRATION = "20261202130000_storage_quotas_and_search";
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const PER_CONVERSATION = 20;
const RUNS = 5;

// A deterministic mix of English and Chinese text.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const ENGLISH =
  "the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will can more other its who may into what some these them about time than out only could then also any like did new first people very now water sea moon tide salt river answer model token budget server request function table index query search result error value string number array object class type memory thread process".split(
    " ",
  );
const CHINESE =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质北色厂茶绿龙井天气数据".split(
    "",
  );
function sentence(words: number, chinese: boolean): string {
  if (chinese) return `${Array.from({ length: words * 2 }, () => pick(CHINESE)).join("")}。`;
  const text = Array.from({ length: words }, () => pick(ENGLISH)).join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
function paragraph(sentences: number): string {
  const chinese = random() < 0.3;
  return Array.from({ length: sentences }, () => sentence(6 + Math.floor(random() * 12), chinese)).join(" ");
}

async function applyMigrations(client: Client, filter: (name: string) => boolean) {
  for (const name of readdirSync(MIGRATIONS)
    .filter((n) => /^\d/.test(n) && filter(n))
    .sort()) {
    await client.executeMultiple(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Seeds one user's conversations; returns how many messages were written. */
async function seedUser(client: Client, userId: string, messages: number, marker: string) {
  let written = 0;
  let at = Date.UTC(2026, 0, 1);
  for (let c = 0; written < messages; c++) {
    const conversationId = `${userId}-c${c}`;
    const statements: InStatement[] = [
      {
        sql: 'INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "settings", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        args: [conversationId, userId, sentence(4, random() < 0.3), "glm-5.1", "dashscope", "{}", iso(at), iso(at)],
      },
    ];
    let parentId: string | null = null;
    for (let m = 0; m < PER_CONVERSATION && written < messages; m++, written++) {
      const id: string = `${conversationId}-m${m}`;
      const user = m % 2 === 0;
      // One conversation in a thousand says the rare words.
      const text = (user ? paragraph(1) : paragraph(3 + Math.floor(random() * 8))) + (c % 1000 === 7 ? marker : "");
      const parts = user
        ? [{ type: "text", text }]
        : [
            { type: "step-start" },
            { type: "reasoning", text: paragraph(4 + Math.floor(random() * 10)), state: "done" },
            ...(random() < 0.1
              ? [
                  {
                    type: "tool-read_web_page",
                    toolCallId: `t${m}`,
                    state: "output-available",
                    input: { url: "https://example.com" },
                    output: { text: paragraph(20) },
                  },
                ]
              : []),
            { type: "text", text, state: "done" },
          ];
      statements.push({
        sql: 'INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [id, conversationId, parentId, user ? "user" : "assistant", JSON.stringify(parts), "done", iso(at++)],
      });
      parentId = id;
    }
    statements.push({
      sql: 'UPDATE "Conversation" SET "updatedAt" = ?, "headId" = ? WHERE "id" = ?',
      args: [iso(at++), parentId, conversationId],
    });
    await client.batch(statements, "write");
  }
  return written;
}

// The search on main (31c2d88): a LIKE over every message's JSON.
async function oldSearch(client: Client, userId: string, query: string) {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await client.execute({
    sql: `SELECT "id" FROM "Conversation" AS c
          WHERE c."userId" = ? AND (c."title" LIKE ? ESCAPE '\\' OR EXISTS (
            SELECT 1 FROM "Message" AS m, json_each(m."parts") AS p
            WHERE m."conversationId" = c."id" AND json_extract(p."value", '$.type') = 'text'
              AND json_extract(p."value", '$.text') LIKE ? ESCAPE '\\'))
          ORDER BY c."updatedAt" DESC LIMIT ?`,
    args: [userId, pattern, pattern, 50],
  });
  return result.rows.length;
}

async function time(run: () => Promise<number>) {
  await run();
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    found = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)], worst: times[RUNS - 1], found };
}

async function turnWrite(client: Client, userId: string, n: number) {
  const conversationId = `${userId}-write-${n}`;
  await client.execute({
    sql: 'INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "settings", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    args: [conversationId, userId, "Timing writes", "glm-5.1", "dashscope", "{}", iso(0), iso(0)],
  });
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const parts = (text: string) => JSON.stringify([{ type: "text", text }]);
    await client.batch(
      [
        {
          sql: 'INSERT INTO "Message" ("id", "conversationId", "role", "parts", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
          args: [`${conversationId}-u${i}`, conversationId, "user", parts(paragraph(1)), "done", iso(i)],
        },
        {
          sql: 'INSERT INTO "Message" ("id", "conversationId", "role", "parts", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
          args: [
            `${conversationId}-a${i}`,
            conversationId,
            "assistant",
            JSON.stringify([
              { type: "reasoning", text: paragraph(8), state: "done" },
              { type: "text", text: paragraph(8), state: "done" },
            ]),
            "done",
            iso(i),
          ],
        },
      ],
      "write",
    );
  }
  return (performance.now() - start) / n;
}

const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-search-bench-"));
const file = path.join(dir, "bench.db");
const url = `file:${file}`;
process.env.DATABASE_URL = url;
const client = createClient({ url });
try {
  await applyMigrations(client, (n) => n < STORAGE_MIGRATION);
  await client.execute("PRAGMA journal_mode = WAL");
  const users = ["searcher", "other1", "other2", "other3"];
  for (const [i, id] of users.entries()) {
    await client.execute({
      sql: 'INSERT INTO "User" ("id", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)',
      args: [id, `${id}@example.test`, iso(i), iso(i)],
    });
  }
  let start = performance.now();
  for (const id of users) await seedUser(client, id, MESSAGES, id === "searcher" ? " Zanzibar 龙井茶园。" : "");
  console.log(
    `seeded ${users.length} users × ${MESSAGES.toLocaleString("en")} messages in ${((performance.now() - start) / 1000).toFixed(1)} s; database ${(statSync(file).size / 1e6).toFixed(0)} MB`,
  );

  const queries = [
    ["rare word, in 1 conversation in 1,000", "zanzibar"],
    ["common word (4 letters)", "moon"],
    ["very common (3 letters)", "the"],
    ["phrase", "salt river"],
    ["Chinese, 3 characters, rare", "龙井茶"],
    ["Chinese, 2 characters (no index)", "绿茶"],
    ["Chinese, 1 character (no index)", "茶"],
    ["no match", "qqqxyzzy"],
  ] as const;
  const before = new Map<string, Awaited<ReturnType<typeof time>>>();
  for (const [, q] of queries) before.set(q, await time(() => oldSearch(client, "searcher", q)));
  const beforeWrite = await turnWrite(client, "other1", 200);

  const migration = readFileSync(path.join(MIGRATIONS, STORAGE_MIGRATION, "migration.sql"), "utf8");
  start = performance.now();
  await client.executeMultiple(migration);
  const migrated = performance.now() - start;
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  console.log(
    `migration (totals and index of the rows there): ${(migrated / 1000).toFixed(1)} s; database ${(statSync(file).size / 1e6).toFixed(0)} MB`,
  );
  const { searchConversations } = await import("../../lib/chat/queries/conversations");
  const after = new Map<string, Awaited<ReturnType<typeof time>>>();
  for (const [, q] of queries) after.set(q, await time(async () => (await searchConversations("searcher", q)).length));
  const afterWrite = await turnWrite(client, "other2", 200);

  console.log("\nsearch (ms, median / worst of 5; conversations found, at most 50)");
  console.log("query                                   | before               | after");
  for (const [label, q] of queries) {
    const b = before.get(q);
    const a = after.get(q);
    const cell = (r?: { median: number; worst: number; found: number }) =>
      r ? `${r.median.toFixed(1)} / ${r.worst.toFixed(1)} (${r.found})`.padEnd(20) : "";
    console.log(`${`${label}: "${q}"`.padEnd(40)}| ${cell(b)} | ${cell(a)}`);
  }
  console.log(
    `\nwriting a turn (user message + 2 KB answer, one batch): ${beforeWrite.toFixed(2)} ms before, ${afterWrite.toFixed(2)} ms with the triggers`,
  );
} finally {
  client.close();
  // BENCH_KEEP=1 keeps the database, to look at it afterwards.
  if (process.env.BENCH_KEEP) console.log(`\nkept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
