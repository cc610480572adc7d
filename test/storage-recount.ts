// What the storage triggers (migration 20261202130000_storage_quotas_and_search) must have kept,
// counted again from scratch: each user's totals, and the searchable text of every message and
// title. Tests compare these with StorageTotal and SearchText after a mix of writes.
import { type Client, createClient } from "@libsql/client";

export interface Totals {
  bytes: number;
  conversations: number;
  shares: number;
  presets: number;
}

const utf8 = (value: unknown) => (value == null ? 0 : Buffer.byteLength(String(value)));

/** Every user's totals, recounted in JavaScript from the rows. */
export async function recountTotals(client: Client): Promise<Record<string, Totals>> {
  const totals: Record<string, Totals> = {};
  for (const { id } of (await client.execute('SELECT "id" FROM "User"')).rows) {
    totals[String(id)] = { bytes: 0, conversations: 0, shares: 0, presets: 0 };
  }
  const owners = new Map<string, string>();
  for (const c of (await client.execute('SELECT "id", "userId", "settings" FROM "Conversation"')).rows) {
    owners.set(String(c.id), String(c.userId));
    totals[String(c.userId)].conversations += 1;
    totals[String(c.userId)].bytes += utf8(c.settings);
  }
  for (const m of (await client.execute('SELECT "conversationId", "parts" FROM "Message"')).rows) {
    const owner = owners.get(String(m.conversationId));
    if (owner) totals[owner].bytes += utf8(m.parts);
  }
  for (const s of (await client.execute('SELECT "userId", "snapshot", "revokedAt" FROM "Share"')).rows) {
    totals[String(s.userId)].bytes += utf8(s.snapshot);
    if (s.revokedAt == null) totals[String(s.userId)].shares += 1;
  }
  for (const p of (await client.execute('SELECT "userId", "systemPrompt", "parameters" FROM "Preset"')).rows) {
    totals[String(p.userId)].presets += 1;
    totals[String(p.userId)].bytes += utf8(p.systemPrompt) + utf8(p.parameters);
  }
  return totals;
}

/** StorageTotal as the triggers left it. */
export async function storedTotals(client: Client): Promise<Record<string, Totals>> {
  const rows = (
    await client.execute('SELECT "userId", "bytes", "conversations", "shares", "presets" FROM "StorageTotal"')
  ).rows;
  return Object.fromEntries(
    rows.map((r) => [
      String(r.userId),
      {
        bytes: Number(r.bytes),
        conversations: Number(r.conversations),
        shares: Number(r.shares),
        presets: Number(r.presets),
      },
    ]),
  );
}

type Row = { owner: string; conversationId: string; messageId: string | null; body: string };

/** The text every title and message should have in the search index, recounted from the rows. */
export async function expectedSearchText(client: Client): Promise<Row[]> {
  const owners = new Map<string, string>();
  const rows: Row[] = [];
  for (const c of (await client.execute('SELECT "id", "userId", "title" FROM "Conversation"')).rows) {
    owners.set(String(c.id), String(c.userId));
    if (String(c.title)) {
      rows.push({ owner: String(c.userId), conversationId: String(c.id), messageId: null, body: String(c.title) });
    }
  }
  for (const m of (await client.execute('SELECT "id", "conversationId", "parts" FROM "Message"')).rows) {
    const parts = parseOrNull(String(m.parts));
    const body = (Array.isArray(parts) ? parts : [])
      .filter((p): p is { type: string; text?: unknown } => typeof p === "object" && p !== null && p.type === "text")
      .flatMap((p) => (p.text == null ? [] : [String(p.text)]))
      .join("\n");
    const owner = owners.get(String(m.conversationId));
    if (body && owner) rows.push({ owner, conversationId: String(m.conversationId), messageId: String(m.id), body });
  }
  return sortRows(rows);
}

/** SearchText as the triggers left it, each row's owner read from its id's range. */
export async function storedSearchText(client: Client): Promise<Row[]> {
  const rows = (
    await client.execute(`SELECT t."userId" AS "owner", s."conversationId", s."messageId", s."body"
      FROM "SearchText" AS s LEFT JOIN "StorageTotal" AS t ON t."key" = s."userKey"`)
  ).rows;
  return sortRows(
    rows.map((r) => ({
      owner: String(r.owner),
      conversationId: String(r.conversationId),
      messageId: r.messageId == null ? null : String(r.messageId),
      body: String(r.body),
    })),
  );
}

function parseOrNull(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) =>
    `${a.conversationId} ${a.messageId ?? ""}`.localeCompare(`${b.conversationId} ${b.messageId ?? ""}`),
  );
}

/**
 * FTS5's own check that SearchIndex holds exactly what SearchText says (throws otherwise), and
 * that each user's rows are numbered from their key with "upTo" rising with "id". Returns the
 * rows that break the numbering (none).
 */
export async function checkSearchIndex(client: Client): Promise<unknown[]> {
  await client.execute(`INSERT INTO "SearchIndex" ("SearchIndex", "rank") VALUES ('integrity-check', 1)`);
  const misnumbered = await client.execute(`SELECT a."id" FROM "SearchText" AS a
    WHERE a."userKey" IS NOT a."id" >> 32 OR a."upTo" - octet_length(a."body") < COALESCE((
      SELECT b."upTo" FROM "SearchText" AS b WHERE b."userKey" = a."userKey" AND b."id" < a."id" ORDER BY b."id" DESC LIMIT 1), 0)`);
  return misnumbered.rows;
}

export function openDatabase(url: string): Client {
  return createClient({ url });
}
