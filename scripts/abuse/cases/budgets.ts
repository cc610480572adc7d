// Issue #13 item 5: budgets are upper bounds, even under parallel requests and aborts, and stay
// usable: a call whose worst case does not fit is admitted with its output capped.
import { randomUUID } from "node:crypto";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { saveUserLimits } from "../admin-forms";
import { chatBody } from "../browser";
import { type Ctx, check, type Member, type Outcome } from "../case";
import {
  conversationMessages,
  conversationStatus,
  n,
  preSpend,
  settled,
  sleep,
  spendOf,
  textOfTurn,
  upstreamWith,
} from "./support";

/** A money-only budget and a model with no price: refused, and nothing goes upstream. */
export async function unpricedUnderMoneyBudget(ctx: Ctx): Promise<Outcome> {
  const user = ctx.memo.get("unpriced") as Member;
  const tag = `unpriced-${randomUUID().slice(0, 8)}`;
  const conversationId = randomUUID();
  const turn = await user.chat(chatBody(`Free tokens? ${tag}`, { conversationId }));
  await sleep(200);
  const upstream = upstreamWith(ctx.app, tag).length;
  const saved = await conversationStatus(user, conversationId);
  return {
    status: turn.status,
    checks: [
      check("nothing sent upstream", upstream === 0, `${upstream} upstream calls`),
      check("nothing saved", saved === 404, `conversation ${saved === 404 ? "not created" : "saved"}`),
    ],
  };
}

export async function unpricedSetup(ctx: Ctx): Promise<void> {
  const user = await ctx.member("unpriced");
  await saveUserLimits(ctx.admin, user.id, { money: "5", tokens: "", rate: "1000" });
  ctx.memo.set("unpriced", user);
}

const LIMIT = 200_000;
const PARALLEL = 40;
/** Left of the month when the parallel requests start: less than they would use together. */
const LEFT = 6_000;

export async function parallelSetup(ctx: Ctx): Promise<void> {
  const user = await ctx.member("parallel");
  await saveUserLimits(ctx.admin, user.id, { tokens: String(LIMIT), money: "", rate: "1000" });
  await preSpend(ctx.app, user.id, LIMIT - LEFT);
  ctx.memo.set("parallel", user);
}

/**
 * 40 requests at once, each stopped after a random delay or not at all: the month stays within
 * its limit. The answers a user may have being written at once (3 by default) are admitted; the
 * others are refused with 429 before anything is held.
 */
export async function parallelStops(ctx: Ctx): Promise<Outcome> {
  const user = ctx.memo.get("parallel") as Member;
  const turns = await Promise.all(
    Array.from({ length: PARALLEL }, (_, i) =>
      user.chat(chatBody(`Think it over, take ${i} [[sim:think-long]]`, { thinking: true }), {
        stopAfterMs: Math.random() < 0.25 ? undefined : Math.random() * 2500,
      }),
    ),
  );
  const released = await settled(ctx.app, user.id);
  const spent = await spendOf(ctx.app, user.id);
  const answered = turns.filter((t) => t.status === 200).length;
  const statuses = [...new Set(turns.map((t) => t.status))].sort().join("/");
  return {
    status: spent.tokens <= LIMIT ? "held" : "overspent",
    checks: [
      check("within the limit", spent.tokens <= LIMIT, `${n(spent.tokens)} of ${n(LIMIT)} tokens spent`),
      check("some answered", answered > 0, `${answered} of ${PARALLEL} admitted (statuses ${statuses})`),
      check("reservations released", released, released ? "none left" : "some still held after 30 s"),
    ],
  };
}

export async function lastTenPercentSetup(ctx: Ctx): Promise<void> {
  const user = await ctx.member("frugal");
  await saveUserLimits(ctx.admin, user.id, { tokens: String(LIMIT), money: "", rate: "1000" });
  await preSpend(ctx.app, user.id, LIMIT * 0.9);
  ctx.memo.set("frugal", user);
}

/** With 10 % of the month's tokens left, "hi" on glm-5.1 is answered (capped), not refused. */
export async function lastTenPercent(ctx: Ctx): Promise<Outcome> {
  const user = ctx.memo.get("frugal") as Member;
  const turn = await user.chat(chatBody("hi", { thinking: true }));
  await settled(ctx.app, user.id);
  const spent = await spendOf(ctx.app, user.id);
  return {
    status: turn.status,
    checks: [
      check("answered", textOfTurn(turn.chunks).length > 0, turn.error?.message?.slice(0, 100) ?? "answer streamed"),
      check("within the limit", spent.tokens <= LIMIT, `${n(spent.tokens)} of ${n(LIMIT)} tokens spent`),
    ],
  };
}

/** Billed output may fall short of the saved text's tokens by this share (tokenizer differences). */
const BILLING_SLACK = 0.9;

/** Four answers at once, all streaming, stopped before any usage came: every candidate's text is billed. */
export async function candidatesStopped(ctx: Ctx): Promise<Outcome> {
  const user = await ctx.member("candidates");
  const conversationId = randomUUID();
  const turn = await user.chat(
    chatBody("Four takes [[hostile:candidates]]", {
      conversationId,
      connection: ctx.hostile.connection,
      model: "glm-4.6",
      candidates: 4,
    }),
    { stopAfterMs: 1500 },
  );
  await settled(ctx.app, user.id);
  let answers: Awaited<ReturnType<typeof conversationMessages>> = [];
  // The answer's row exists while it is written; its versions come when it settles.
  const writing = () => answers.length === 0 || answers.some((m) => m.metadata?.status === "streaming");
  for (let i = 0; i < 40 && writing(); i++, await sleep(250)) {
    answers = (await conversationMessages(user, conversationId)).filter((m) => m.role === "assistant");
  }
  const savedTokens = answers.reduce(
    (sum, m) => sum + m.parts.reduce((s, p) => s + (typeof p.text === "string" ? countTokens(p.text) : 0), 0),
    0,
  );
  const { rows } = await ctx.app.db.execute({
    sql: 'SELECT COALESCE(SUM("outputTokens"), 0) AS "output", COUNT(*) AS "rows" FROM "Usage" WHERE "conversationId" = ? AND "purpose" = \'answer\'',
    args: [conversationId],
  });
  const billed = Number(rows[0]?.output ?? 0);
  return {
    status:
      turn.chunks.some((c) => c.type === "abort") || turn.chunks.every((c) => c.type !== "finish")
        ? "stopped"
        : "finished",
    checks: [
      check("four versions saved", answers.length === 4, `${answers.length} versions`),
      check(
        "every version billed",
        savedTokens > 0 && billed >= savedTokens * BILLING_SLACK,
        `billed ${n(billed)} output tokens in ${rows[0]?.rows} rows for ${n(savedTokens)} tokens of saved text`,
      ),
    ],
  };
}
