// Issue #13 item 11: the worst inputs found beyond the list. Stored answers are rendered
// as Markdown on the server (components/chat/prerendered-answers.tsx, the share page); a hostile
// upstream; bodies deep or wide; thousands of conversations; Unicode that is easy to mangle.
import { randomUUID } from "node:crypto";
import { DEFAULT_SHARING, setSharing } from "../admin-forms";
import { Browser, chatBody } from "../browser";
import { type Ctx, check, type Member, type Outcome } from "../case";
import type { Instance } from "../instance";
import { conversationMessages, kb } from "./support";

const now = () => new Date().toISOString().replace("Z", "+00:00");

/** Test setup: a conversation whose stored answer is `answer` (a model can answer anything). */
export async function storeAnswer(app: Instance, userId: string, answer: string): Promise<string> {
  const id = randomUUID();
  const question = randomUUID();
  const reply = randomUUID();
  await app.db.batch(
    [
      {
        sql: 'INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "connectionId", "headId", "createdAt", "updatedAt") VALUES (?, ?, ?, \'glm-5.1\', \'dashscope\', \'env:default\', ?, ?, ?)',
        args: [id, userId, "A long answer", reply, now(), now()],
      },
      {
        sql: 'INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "createdAt") VALUES (?, ?, NULL, \'user\', ?, \'done\', ?)',
        args: [question, id, JSON.stringify([{ type: "text", text: "Write it all out." }]), now()],
      },
      {
        sql: 'INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "model", "createdAt") VALUES (?, ?, ?, \'assistant\', ?, \'done\', \'glm-5.1\', ?)',
        args: [reply, id, question, JSON.stringify([{ type: "text", text: answer }]), now()],
      },
    ],
    "write",
  );
  return id;
}

/**
 * Answers that Markdown rendering has been slow on (measured on main: micromark and remark-gfm
 * are superlinear on these, math-delimiters.ts is quadratic on `\\[`). Sizes are chosen so that
 * main shows it in seconds, not hours; a model can answer far more (~164K tokens).
 */
export const ANSWER_BOMBS: Record<string, () => string> = {
  "150 KB of \\[ without \\]": () => "\\[ x ".repeat(30_000),
  "4 KB of nested list markers": () => `${"- ".repeat(2_000)}x`,
  "10 KB of *_ emphasis runs": () => "*_".repeat(5_000),
  "10 KB www. + punctuation": () => `www.a${".,;:!?)".repeat(1_430)}x`,
  "20 KB of ~a strikethrough": () => "~a".repeat(10_000),
  "10 KB of nested quotes": () => `${"> ".repeat(5_000)}deep`,
  "40 KB of [ without ]": () => "[".repeat(40_000),
  "40 KB of unmatched backticks": () => "`a".repeat(20_000),
};

export async function answerBombSetup(ctx: Ctx): Promise<void> {
  const ids: Record<string, string> = {};
  for (const [name, make] of Object.entries(ANSWER_BOMBS))
    ids[name] = await storeAnswer(ctx.app, ctx.attacker.id, make());
  ctx.memo.set("bombs", ids);
}

/** The chat page of a conversation whose stored answer is `name`, rendered by the server. */
export function answerBombPage(name: string) {
  return async (ctx: Ctx): Promise<Outcome> => {
    const id = (ctx.memo.get("bombs") as Record<string, string>)[name];
    const res = await ctx.attacker.fetch(`/chat/${id}`);
    const html = await res.text();
    return { status: res.status, note: `${kb(html.length)} of HTML` };
  };
}

/** The same answer behind a share link, opened by a stranger (the admin shares publicly meanwhile). */
export function answerBombShare(name: string) {
  return async (ctx: Ctx): Promise<Outcome> => {
    const id = (ctx.memo.get("bombs") as Record<string, string>)[name];
    const share = await ctx.attacker.json<{ share?: { token: string } }>(`/api/conversations/${id}/shares`, {
      method: "POST",
      json: { mode: "live" },
    });
    if (!share.body.share) return { status: `share refused (${share.status})` };
    await setSharing(ctx.admin, "public");
    try {
      const res = await new Browser("reader").fetch(`/share/${share.body.share.token}`);
      const html = await res.text();
      return { status: res.status, note: `${kb(html.length)} of HTML` };
    } finally {
      await setSharing(ctx.admin, DEFAULT_SHARING).catch(() => {});
    }
  };
}

/** An upstream that sends an event that is not JSON: the answer ends with an error, what came is kept. */
export async function malformedUpstream(ctx: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  const turn = await ctx.attacker.chat(chatBody("Say something [[sim:malformed:3]]", { conversationId }));
  const saved = (await conversationMessages(ctx.attacker, conversationId)).find((m) => m.role === "assistant");
  return {
    status: turn.status,
    checks: [
      check("answer saved", Boolean(saved), saved ? `saved, status ${saved.metadata?.status}` : "nothing saved"),
    ],
  };
}

/** A preset whose parameters are 30,000 arrays deep (under the 64 KiB limit). */
export async function deepJson({ attacker }: Ctx): Promise<Outcome> {
  const depth = 30_000;
  const res = await attacker.fetch("/api/presets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"name":"deep","systemPrompt":"","parameters":${"[".repeat(depth)}${"]".repeat(depth)}}`,
  });
  await res.arrayBuffer();
  return { status: res.status };
}

/** A chat message of 10,000 one-character parts. */
export async function tenThousandParts({ attacker }: Ctx): Promise<Outcome> {
  const turn = await attacker.chat(chatBody(Array(10_000).fill("a")));
  return { status: turn.status };
}

const MANY = 5_000;

export async function manyConversationsSetup(ctx: Ctx): Promise<void> {
  const user = await ctx.member("lister");
  const statements = Array.from({ length: MANY }, (_, i) => ({
    sql: 'INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "createdAt", "updatedAt") VALUES (?, ?, ?, \'glm-5.1\', \'dashscope\', ?, ?)',
    args: [randomUUID(), user.id, `Conversation ${i} ${"title words ".repeat(8)}`, now(), now()],
  }));
  await ctx.app.db.batch(statements, "write");
  ctx.memo.set("lister", user);
}

/** 5,000 conversations: the list and the chat page (its sidebar) of their owner. */
export function manyConversations(path: "/api/conversations" | "/") {
  return async (ctx: Ctx): Promise<Outcome> => {
    const user = ctx.memo.get("lister") as Member;
    const res = await user.fetch(path);
    const body = await res.text();
    return { status: res.status, note: `${kb(body.length)} answered` };
  };
}

/** Right-to-left overrides, joiners, a 2,000-mark combining stack, NUL, emoji sequences, CJK. */
const UNICODE = [
  "\u202Egnp.exe\u202C",
  "👩‍👩‍👧‍👦🏳️‍🌈🇨🇳",
  `e${"\u0301".repeat(2000)}`,
  "a\u0000b",
  "\u200B\u200C\u200D\uFEFF",
  "中文測試 テスト 한국어",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
].join(" | ");

/** A message of Unicode edge cases: answered, and stored exactly as sent. */
export async function unicodeEdges({ attacker }: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  const turn = await attacker.chat(chatBody(UNICODE, { conversationId }));
  const stored = (await conversationMessages(attacker, conversationId)).find((m) => m.role === "user");
  const text = stored?.parts.find((p) => p.type === "text")?.text;
  return {
    status: turn.status,
    checks: [
      check(
        "stored exactly",
        text === UNICODE,
        text === UNICODE ? "identical" : `stored ${text?.length ?? 0} of ${UNICODE.length} code units`,
      ),
    ],
  };
}

/** Lone surrogates (not valid UTF-16 text): refused or stored, never a server error. */
export async function loneSurrogates({ attacker }: Ctx): Promise<Outcome> {
  const res = await attacker.fetch("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(chatBody("half a pair: \uD800 and \uDFFF")),
  });
  await res.body?.cancel();
  return { status: res.status };
}
