// Helpers the cases share: what the app saved, billed and sent upstream, and how the server's
// process fared (memory, CPU).
import { readFileSync } from "node:fs";
import type { Browser } from "../browser";
import type { Instance } from "../instance";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en")} KB`;
export const n = (value: number) => Math.round(value).toLocaleString("en");

/** Peak RSS of the server while `work` runs, sampled every 50 ms. */
export async function watchRss<T>(
  app: Instance,
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = app.rssMb();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, app.rssMb());
  }, 50);
  try {
    const result = await work();
    await sleep(300);
    peak = Math.max(peak, app.rssMb());
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Whether the user can open the conversation (404 when nothing was saved). */
export async function conversationStatus(browser: Browser, id: string): Promise<number> {
  return (await browser.json(`/api/conversations/${id}`)).status;
}

export interface StoredMessage {
  id: string;
  role: string;
  parts: { type: string; text?: string; output?: unknown; errorText?: string; state?: string }[];
  metadata?: { status?: string; parentId?: string | null };
}

export async function conversationMessages(browser: Browser, id: string): Promise<StoredMessage[]> {
  const { status, body } = await browser.json<{ messages?: StoredMessage[] }>(`/api/conversations/${id}`);
  if (status !== 200) return [];
  return body.messages ?? [];
}

/** Upstream requests whose body mentions `tag` (the app's title requests left out). */
export function upstreamWith(app: Instance, tag: string) {
  return app.sim.requests.filter((r) => {
    const body = JSON.stringify(r.body ?? "");
    return body.includes(tag) && !body.includes("Reply with only a title");
  });
}

/** This month's running total for a user ("YYYY-MM" in UTC, the team's default time zone). */
export async function spendOf(app: Instance, userId: string): Promise<{ tokens: number; micros: number }> {
  const { rows } = await app.db.execute({
    sql: 'SELECT "tokens", "costMicros" FROM "SpendTotal" WHERE "scope" = ? AND "period" = ?',
    args: [`user:${userId}`, period()],
  });
  return { tokens: Number(rows[0]?.tokens ?? 0), micros: Number(rows[0]?.costMicros ?? 0) };
}

export function period(date = new Date()): string {
  return date.toISOString().slice(0, 7);
}

/** Test setup: what the user spent earlier this month, as the ledger's running total would say. */
export async function preSpend(app: Instance, userId: string, tokens: number): Promise<void> {
  await app.db.execute({
    sql: `INSERT INTO "SpendTotal" ("scope", "period", "tokens", "costMicros", "calls") VALUES (?, ?, ?, 0, 0)
      ON CONFLICT ("scope", "period") DO UPDATE SET "tokens" = excluded."tokens"`,
    args: [`user:${userId}`, period(), tokens],
  });
}

/** Waits until the user's requests in flight have settled (no reservation left), up to `ms`. */
export async function settled(app: Instance, userId: string, ms = 30_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { rows } = await app.db.execute({
      sql: 'SELECT COUNT(*) AS "n" FROM "Reservation" WHERE "userId" = ?',
      args: [userId],
    });
    if (Number(rows[0]?.n ?? 0) === 0) return true;
    await sleep(200);
  }
  return false;
}

/** CPU time the server has used so far, in ms (user + system, from /proc). */
export function serverCpuMs(app: Instance): number {
  const fields = readFileSync(`/proc/${app.serverPid()}/stat`, "utf8").split(") ")[1].split(" ");
  // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The tool results and errors of a streamed turn. */
export function toolResults(chunks: Record<string, unknown>[]): { error?: string; output?: unknown }[] {
  return chunks
    .filter((c) => c.type === "tool-output-error" || c.type === "tool-output-available")
    .map((c) => (c.type === "tool-output-error" ? { error: String(c.errorText) } : { output: c.output }));
}

export function textOfTurn(chunks: Record<string, unknown>[]): string {
  return chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => String(c.delta))
    .join("");
}

/** The app's English texts of one message namespace (to tell one refusal from another). */
export function englishMessages(namespace: string): Record<string, string> {
  const json = JSON.parse(readFileSync(new URL(`../../../messages/en/${namespace}.json`, import.meta.url), "utf8"));
  const flat: Record<string, string> = {};
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === "string") flat[prefix] = node;
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(json, "");
  return flat;
}

/** Which of `texts` (key → ICU text) an answer shows: matched on the words before any placeholder. */
export function shownMessageKeys(answer: string, texts: Record<string, string>): string[] {
  const plain = answer.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  return Object.entries(texts)
    .filter(([, text]) => {
      const head = text.split("{")[0].trim();
      return head.length >= 12 && plain.includes(head);
    })
    .map(([key]) => key);
}
