// Issue #13 item 1: the message that froze the server. A URL followed by a long run of
// punctuation, scanned by the allowed-URL check on every turn of its branch with tools on.
import { randomUUID } from "node:crypto";
import { chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { findForm, submitForm } from "../forms";
import { conversationMessages, conversationStatus, textOfTurn } from "./support";

const PUNCTUATION = ".,;:!?)]}";

/** `http://a` and punctuation up to `chars`, ending in a letter so that the run never reaches the end. */
export function punctuatedUrl(chars: number): string {
  const run = PUNCTUATION.repeat(Math.ceil(chars / PUNCTUATION.length));
  return `${`http://a${run}`.slice(0, chars - 1)}x`;
}

interface Branch {
  conversationId: string;
  answerId: string;
}

/** 4 parts × 99,000 characters: over the 100,000 a message may hold in all. */
export async function fourParts({ attacker }: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  const turn = await attacker.chat(chatBody(Array(4).fill(punctuatedUrl(99_000)), { conversationId, tools: true }));
  const saved = await conversationStatus(attacker, conversationId);
  return {
    status: turn.status,
    checks: [
      check("nothing saved", saved === 404, `conversation ${saved === 404 ? "not created" : `answers ${saved}`}`),
    ],
  };
}

/** The largest message accepted: one part of 99,000 characters, tools on. */
export async function largestAccepted({ attacker, memo }: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  const turn = await attacker.chat(chatBody(punctuatedUrl(99_000), { conversationId, tools: true }));
  const answerId = turn.messageIds[0];
  if (answerId) memo.set("punctuated", { conversationId, answerId } satisfies Branch);
  return { status: turn.status, checks: [answered(turn.chunks)] };
}

/** The next turn of that branch: the long message is in its history. */
export async function followingTurn({ attacker, memo }: Ctx): Promise<Outcome> {
  const branch = memo.get("punctuated") as Branch | undefined;
  if (!branch) return { status: "no branch (1b failed)" };
  const turn = await attacker.chat(
    chatBody("And what else?", { conversationId: branch.conversationId, parentId: branch.answerId, tools: true }),
  );
  return { status: turn.status, checks: [answered(turn.chunks)] };
}

/** A share of that branch, opened and continued by another user, then a turn on the copy. */
export async function continueShared({ attacker, victim, memo }: Ctx): Promise<Outcome> {
  const branch = memo.get("punctuated") as Branch | undefined;
  if (!branch) return { status: "no branch (1b failed)" };
  const share = await attacker.json<{ share?: { token: string } }>(
    `/api/conversations/${branch.conversationId}/shares`,
    {
      method: "POST",
      json: { mode: "snapshot" },
    },
  );
  const token = share.body.share?.token;
  if (!token) return { status: `share refused (${share.status})` };
  const page = `/share/${token}`;
  const form = await findForm(victim, page, (f) => [...f.fields.keys()].some((k) => k.startsWith("$ACTION")));
  if (!form) return { status: "no Continue form on the share page" };
  const continued = await submitForm(victim, page, form);
  const copyId = /\/chat\/([^/?#]+)/.exec(continued.location ?? "")?.[1];
  if (!copyId) return { status: `continue: ${continued.status}` };
  const copy = await conversationMessages(victim, copyId);
  const turn = await victim.chat(
    chatBody("Go on", { conversationId: copyId, parentId: copy.at(-1)?.id ?? null, tools: true }),
  );
  return {
    status: turn.status,
    checks: [check("copy has the branch", copy.length >= 2, `${copy.length} messages copied`), answered(turn.chunks)],
  };
}

function answered(chunks: Record<string, unknown>[]) {
  const finish = chunks.find((c) => c.type === "finish");
  const text = textOfTurn(chunks);
  return check("answered", Boolean(finish) && text.length > 0, `${text.length} characters answered`);
}
