// Issue #13 item 10: per-user quotas refuse with 403 quota_exceeded, and search is an index
// (FTS5), not a scan of every message on the event loop: fast on a big history, whatever the
// query's characters.
import { randomUUID } from "node:crypto";
import { actionId } from "../actions";
import { setQuota } from "../admin-forms";
import { chatBody } from "../browser";
import { type Ctx, check, type Member, type Outcome } from "../case";
import { findForm, submitForm } from "../forms";
import { n } from "./support";

const TINY_QUOTA = 3;
/** Without an admin setting, how far to go looking for a default quota. */
const MAX_TRIES = 300;

/** Creates presets (or shares) until refused: the first refusal, and how many were made. */
export function quota(kind: "presets" | "shares") {
  return async (ctx: Ctx): Promise<Outcome> => {
    const user = await ctx.member(`quota-${kind}`);
    let setting: string;
    let limit = MAX_TRIES;
    try {
      setting = await setQuota(ctx.admin, kind, TINY_QUOTA, user.id);
      limit = TINY_QUOTA;
    } catch (error) {
      setting = `${(error as Error).message}; looking for a default up to ${MAX_TRIES}`;
    }
    const conversationId = randomUUID();
    if (kind === "shares") await user.chat(chatBody("Something to share", { conversationId }));
    let made = 0;
    let refusal: { status: number; code?: string } | undefined;
    while (!refusal && made < MAX_TRIES) {
      const res =
        kind === "presets"
          ? await user.json<{ error?: { code: string } }>("/api/presets", {
              method: "POST",
              json: { name: `preset ${made}`, systemPrompt: "x".repeat(1000) },
            })
          : await user.json<{ error?: { code: string } }>(`/api/conversations/${conversationId}/shares`, {
              method: "POST",
              json: { mode: "snapshot" },
            });
      if (res.status === 201) made++;
      else refusal = { status: res.status, code: res.body.error?.code };
    }
    const checks = [
      check(
        "quota_exceeded",
        refusal?.code === "quota_exceeded",
        `${made} made, then ${refusal ? `${refusal.status} ${refusal.code}` : "never refused"}; ${setting}`,
      ),
    ];
    // With the admin's quota set, no more than it may be made.
    if (limit === TINY_QUOTA) checks.push(check("within the quota", made <= limit, `${made} of at most ${limit}`));
    return { status: refusal?.status ?? 201, checks };
  };
}

/** Text with the characters FTS5 reads as syntax. */
const TRICKY = `O'Brien wrote "NEAR(alpha, beta)" and *stars* AND -minus ^caret`;
const QUERIES: { q: string; found: boolean }[] = [
  { q: '"NEAR(', found: true },
  { q: "O'Brien", found: true },
  { q: "*stars*", found: true },
  { q: "AND -minus", found: true },
  { q: '"', found: false },
  { q: "'", found: false },
  { q: "NEAR(", found: true },
  { q: "*", found: false },
  { q: "^caret", found: true },
  { q: '") OR ("', found: false },
];

export async function trickySetup(ctx: Ctx): Promise<void> {
  const conversationId = randomUUID();
  await ctx.victim.chat(chatBody(TRICKY, { conversationId }));
  ctx.memo.set("tricky", conversationId);
}

/** Search with FTS syntax characters: 200, and the conversation found where the text has the query. */
export async function ftsSyntax(ctx: Ctx): Promise<Outcome> {
  const id = ctx.memo.get("tricky") as string;
  const statuses: number[] = [];
  const misses: string[] = [];
  for (const { q, found } of QUERIES) {
    const res = await ctx.victim.json<{ conversations?: { id: string }[] }>(
      `/api/conversations?q=${encodeURIComponent(q)}`,
    );
    statuses.push(res.status);
    const hit = res.body.conversations?.some((c) => c.id === id) ?? false;
    // Where the text contains the query, it must be found; single characters may find anything.
    if (found && !hit) misses.push(q);
  }
  const bad = statuses.find((s) => s !== 200);
  return {
    status: bad ?? 200,
    checks: [
      check(
        "found",
        misses.length === 0,
        misses.length ? `not found: ${misses.join("  ")}` : `${QUERIES.length} queries`,
      ),
    ],
  };
}

const HISTORY_COPIES = 30;
const BIG_MESSAGE = 99_000;

/**
 * A big history written by the app itself (so that whatever index the app keeps has it): a
 * conversation of five ~100 KB messages, shared and continued 30 times (~15 MB).
 */
export async function bigHistorySetup(ctx: Ctx): Promise<void> {
  const hoarder = await ctx.member("hoarder");
  const needle = `zebra${randomUUID().slice(0, 6)}`;
  const conversationId = randomUUID();
  let parentId: string | null = null;
  for (let i = 0; i < 5; i++) {
    const filler = `${i === 0 ? `${needle} ` : ""}${"the quick brown fox jumps over the lazy dog ".repeat(BIG_MESSAGE / 44)}`;
    const turn = await hoarder.chat(chatBody(filler, { conversationId, parentId }));
    parentId = turn.messageIds[0] ?? parentId;
  }
  const share = await hoarder.json<{ share?: { token: string } }>(`/api/conversations/${conversationId}/shares`, {
    method: "POST",
    json: {},
  });
  const token = share.body.share?.token;
  let copies = 0;
  if (token) {
    const page = `/share/${token}`;
    const form = await findForm(hoarder, page, (f) =>
      [...f.fields.values()].some((v) => v.includes(actionId("continueSharedChatAction"))),
    );
    for (let i = 0; form && i < HISTORY_COPIES; i++) {
      if ((await submitForm(hoarder, page, form)).status === 303) copies++;
    }
  }
  ctx.memo.set("history", { hoarder, needle, copies });
}

const SEARCH_MS = 1_000;

/** Six searches at once over the big history: a word in every copy, and one in none. */
export async function bigHistorySearch(ctx: Ctx): Promise<Outcome> {
  const { hoarder, needle, copies } = ctx.memo.get("history") as { hoarder: Member; needle: string; copies: number };
  const search = async (q: string) => {
    const started = Date.now();
    const res = await hoarder.json<{ conversations?: unknown[] }>(`/api/conversations?q=${encodeURIComponent(q)}`);
    return { status: res.status, found: res.body.conversations?.length ?? 0, ms: Date.now() - started };
  };
  const results = await Promise.all(
    [needle, "nothing-like-this", needle, "lazy dog jumps", "zzzq", needle].map(search),
  );
  const slowest = Math.max(...results.map((r) => r.ms));
  const bad = results.find((r) => r.status !== 200);
  return {
    status: bad?.status ?? 200,
    checks: [
      check(
        "needle found",
        results[0].found >= copies + 1,
        `${results[0].found} found of ${copies + 1} conversations (~500 KB each)`,
      ),
      check("fast", slowest <= SEARCH_MS, `slowest search ${n(slowest)} ms`),
    ],
  };
}
