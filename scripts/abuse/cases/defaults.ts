// Issue #13 item 6: a fresh deployment is not handed to its first visitor, sign-up is by invite
// unless the admin opens it, sign-up is throttled before any password is hashed, and a default
// per-user request rate applies.
import { randomUUID } from "node:crypto";
import { callFormAction } from "../actions";
import { setSignUp } from "../admin-forms";
import { Browser, chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { englishMessages, n, serverCpuMs, shownMessageKeys } from "./support";

/** The texts a sign-up answer can show: the form's own, and the API's errors (a rate limit). */
const signUpTexts = {
  ...englishMessages("auth"),
  ...Object.fromEntries(Object.entries(englishMessages("errors")).map(([key, text]) => [`api.${key}`, text])),
};

async function accountExists(ctx: Ctx, email: string): Promise<boolean> {
  const { rows } = await ctx.app.db.execute({ sql: 'SELECT 1 FROM "User" WHERE "email" = ?', args: [email] });
  return rows.length > 0;
}

/** A sign-up through the sign-up form's action, from `browser`. */
function signUp(browser: Browser, email: string) {
  return callFormAction(browser, "/sign-up", "signUpAction", {
    name: "Stranger",
    email,
    password: "stranger password 1",
  });
}

/** A stranger's sign-up (no setup token, no invite): "created" or "refused". */
export async function strangerSignUp(ctx: Ctx): Promise<Outcome> {
  const email = `stranger-${randomUUID().slice(0, 8)}@abuse.test`;
  const answer = await signUp(new Browser("stranger"), email);
  const created = await accountExists(ctx, email);
  const { rows } = await ctx.app.db.execute({ sql: 'SELECT "role" FROM "User" WHERE "email" = ?', args: [email] });
  return {
    status: created ? "created" : "refused",
    checks: [
      check(
        "not an admin",
        rows[0]?.role !== "admin",
        created ? `became ${rows[0]?.role}` : `HTTP ${answer.status}, no account`,
      ),
    ],
  };
}

const ATTEMPTS = 20;

/** 20 sign-ups at once from one client address, sign-up opened by the admin. */
export function signUpBurst(sameEmail: boolean) {
  return async (ctx: Ctx): Promise<Outcome> => {
    const tag = randomUUID().slice(0, 6);
    // What one sign-up that goes through costs here (its hash, and the sign-in's check of it),
    // from another address: refused attempts must cost next to nothing beside it.
    const alone = serverCpuMs(ctx.app);
    await signUp(new Browser("alone", "203.0.113.78"), `burst-${tag}-alone@abuse.test`);
    const oneSignUp = serverCpuMs(ctx.app) - alone;
    const client = new Browser("burst", "203.0.113.77");
    const emails = Array.from({ length: ATTEMPTS }, (_, i) => `burst-${tag}-${sameEmail ? 0 : i}@abuse.test`);
    const cpuBefore = serverCpuMs(ctx.app);
    const answers = await Promise.all(emails.map((email) => signUp(client, email)));
    const cpu = serverCpuMs(ctx.app) - cpuBefore;
    let created = 0;
    for (const email of new Set(emails)) if (await accountExists(ctx, email)) created++;
    // What each answer said: its form state's messages, told apart by the app's own texts.
    const shown = answers.flatMap((a) =>
      a.status === 429
        ? ["HTTP 429"]
        : a.result
          ? shownMessageKeys(JSON.stringify(a.result), signUpTexts)
          : ["created"],
    );
    const throttled = shown.filter((key) => /429|throttl|too ?many|rate|locked|slow|wait/i.test(key));
    const kinds = [...new Set(shown)].map((k) => `${k}×${shown.filter((s) => s === k).length}`).join(", ");
    return {
      status: throttled.length > 0 ? "throttled" : "not throttled",
      checks: [
        check(
          "CPU",
          cpu <= (created + 1) * oneSignUp,
          `server CPU ${n(cpu)} ms for ${ATTEMPTS} attempts, ${created} created (one sign-up alone: ${n(oneSignUp)} ms)`,
        ),
        check(
          "accounts",
          sameEmail ? created <= 1 : created < ATTEMPTS,
          `${created} created; ${kinds || "no message"}`,
        ),
      ],
    };
  };
}

export async function openSignUp({ admin }: Ctx): Promise<void> {
  await setSignUp(admin, "open");
}

export async function closeSignUp({ admin }: Ctx): Promise<void> {
  await setSignUp(admin, "invite");
}

const MAX_CHATS = 120;

/** Chats as fast as one user can start them, with no limit set by the admin: the default rate. */
export async function defaultRate(ctx: Ctx): Promise<Outcome> {
  const user = await ctx.member("rate");
  let refused: { status: number; retryAfter: string | null } | undefined;
  let sent = 0;
  const worker = async () => {
    while (!refused && sent < MAX_CHATS) {
      sent++;
      // Stopped once the status is known: only admission is under test. Leaving would not stop
      // the answer; the stream ends once it is settled.
      const body = chatBody("hi");
      const res = await user.fetch("/api/chat", { method: "POST", json: body });
      if (res.status !== 200) refused ??= { status: res.status, retryAfter: res.headers.get("retry-after") };
      await user.fetch(`/api/chat/${String(body.id)}/stream`, { method: "DELETE" });
      await res.text().catch(() => "");
    }
  };
  // As many at once as a user may have answers being written (3 by default): the rate is under test.
  await Promise.all(Array.from({ length: 3 }, worker));
  return {
    status: refused?.status ?? 200,
    checks: [
      check(
        "Retry-After",
        refused?.status !== 429 || Number(refused.retryAfter) > 0,
        refused ? `refused after ${sent} requests, Retry-After ${refused.retryAfter}` : `all ${sent} admitted`,
      ),
    ],
  };
}
