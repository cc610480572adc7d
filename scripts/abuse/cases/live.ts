// Issue #14: answers the server owns must not become a way in. Another user's answer being
// written can be neither followed nor stopped; one answer cannot be followed by thousands (each
// follower is sent the whole answer so far); leaving the stream is no stop.
import { randomUUID } from "node:crypto";
import { chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { conversationMessages, sleep } from "./support";

/** Starts a slow answer in a new conversation of the victim's and returns its id once it is being written. */
async function victimWriting(ctx: Ctx): Promise<string> {
  const conversationId = randomUUID();
  // The answer is read to its end in the background: the victim is watching it.
  void ctx.victim.chat(chatBody("Tell me a story [[sim:slow]]", { conversationId }));
  for (let i = 0; i < 40; i++, await sleep(100)) {
    const messages = await conversationMessages(ctx.victim, conversationId);
    if (messages.some((m) => m.metadata?.status === "streaming")) return conversationId;
  }
  throw new Error("the victim's answer never started");
}

/** The attacker asks for the victim's answer being written, then tries to stop it. */
export async function othersLiveAnswer(ctx: Ctx): Promise<Outcome> {
  const conversationId = await victimWriting(ctx);
  const follow = await ctx.attacker.fetch(`/api/chat/${conversationId}/stream`);
  const stop = await ctx.attacker.fetch(`/api/chat/${conversationId}/stream`, { method: "DELETE" });
  await sleep(500);
  const still = (await conversationMessages(ctx.victim, conversationId)).find((m) => m.role === "assistant");
  await ctx.victim.fetch(`/api/chat/${conversationId}/stream`, { method: "DELETE" });
  return {
    status: follow.status === stop.status ? follow.status : `${follow.status}/${stop.status}`,
    checks: [
      check("nothing followed", follow.status === 404, `follow → ${follow.status}`),
      check(
        "not stopped",
        still?.metadata?.status === "streaming",
        `the victim's answer is ${still?.metadata?.status}`,
      ),
    ],
  };
}

/** 200 followers of one answer at once: a person's few tabs get it, the rest are refused. */
export async function followerFlood(ctx: Ctx): Promise<Outcome> {
  const user = await ctx.member("followers");
  const conversationId = randomUUID();
  void user.chat(chatBody("Tell me a long story [[sim:slow]]", { conversationId }));
  for (let i = 0; i < 40; i++, await sleep(100)) {
    const messages = await conversationMessages(user, conversationId);
    if (messages.some((m) => m.metadata?.status === "streaming")) break;
  }
  const controllers = Array.from({ length: 200 }, () => new AbortController());
  const responses = await Promise.all(
    controllers.map((c) => user.fetch(`/api/chat/${conversationId}/stream`, { signal: c.signal }).catch(() => null)),
  );
  const statuses = responses.map((r) => r?.status ?? 0);
  const followed = statuses.filter((s) => s === 200).length;
  const refused = statuses.filter((s) => s === 429).length;
  for (const c of controllers) c.abort();
  await user.fetch(`/api/chat/${conversationId}/stream`, { method: "DELETE" });
  return {
    status: [...new Set(statuses)].sort().join("/"),
    checks: [
      check("a few followed", followed > 0 && followed <= 8, `${followed} followers`),
      check("the rest refused", refused === 200 - followed, `${refused} refused with 429`),
    ],
  };
}

/** Leaving the stream is not a stop: the answer is written to its end, saved whole. */
export async function leaveIsNoStop(ctx: Ctx): Promise<Outcome> {
  const user = await ctx.member("leaver");
  const conversationId = randomUUID();
  const turn = await user.chat(chatBody("A short answer", { conversationId }), { leaveAfterMs: 30 });
  let answer: Awaited<ReturnType<typeof conversationMessages>>[number] | undefined;
  for (let i = 0; i < 50; i++, await sleep(100)) {
    answer = (await conversationMessages(user, conversationId)).find((m) => m.role === "assistant");
    if (answer && answer.metadata?.status !== "streaming") break;
  }
  return {
    status: turn.status,
    checks: [check("written to the end", answer?.metadata?.status === "done", `saved as ${answer?.metadata?.status}`)],
  };
}
