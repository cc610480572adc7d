// Issue #13 item 7: signing out ends the session on the server, and over HTTPS only the
// `__Host-` cookie counts (HTTPS is what a TLS-terminating proxy reports: X-Forwarded-Proto), and
// a password's bytes past bcrypt's 72 still count.
import { randomUUID } from "node:crypto";
import { callFormAction } from "../actions";
import { Browser, signIn } from "../browser";
import { type Ctx, check, type Member, type Outcome } from "../case";
import { findForm, submitForm } from "../forms";

const HTTPS = { "x-forwarded-proto": "https" };

/** Signs out through the app's Sign out button; the cookie copied before must stop working. */
export async function copiedCookieAfterSignOut(ctx: Ctx): Promise<Outcome> {
  const user = await ctx.member("leaver");
  const copied = user.cookie;
  const form = await findForm(user, "/", (f) => /Sign out/.test(f.html));
  if (!form) return { status: "no Sign out form" };
  const out = await submitForm(user, "/", form);
  const thief = new Browser("thief");
  const replay = await thief.fetch("/api/conversations", { headers: { cookie: copied } });
  await replay.arrayBuffer();
  return { status: replay.status, checks: [check("signed out", out.status < 400, `sign-out answered ${out.status}`)] };
}

/** Signing in over HTTPS: the session cookie's name. */
export async function hostCookieOverHttps(ctx: Ctx): Promise<Outcome> {
  const member = ctx.memo.get("https") as Member;
  const user = await signIn(member.email, member.password, { headers: HTTPS });
  const name = (user.sessionCookie ?? "").split("=")[0];
  const works = await user.json("/api/conversations", { headers: HTTPS });
  return {
    status: name.startsWith("__Host-") ? "__Host-" : name.startsWith("__Secure-") ? "__Secure-" : name || "none",
    checks: [check("the session works", works.status === 200, `${name}: /api/conversations answers ${works.status}`)],
  };
}

export async function httpsSetup(ctx: Ctx): Promise<void> {
  const user = await ctx.member("https");
  ctx.memo.set("https", user);
}

/** Over HTTPS, a session under the plain (non-`__Host-`) name: refused. */
export async function plainCookieOverHttps(ctx: Ctx): Promise<Outcome> {
  const plain = (ctx.memo.get("https") as Member).sessionCookie;
  const res = await new Browser("plain").fetch("/api/conversations", { headers: { ...HTTPS, cookie: plain ?? "" } });
  await res.arrayBuffer();
  return { status: res.status };
}

/**
 * bcrypt reads 72 bytes of a password: one of 86 characters, signed in with its first 72 and
 * anything after. Refused at sign-up (too long) or at sign-in (pre-hashed) are both right.
 */
export async function longPasswordPrefix(ctx: Ctx): Promise<Outcome> {
  const email = `long-${randomUUID().slice(0, 8)}@abuse.test`;
  const prefix = "p".repeat(72);
  const signUp = await callFormAction(new Browser("long"), "/sign-up", "signUpAction", {
    name: "Long",
    email,
    password: `${prefix}-correct-horse`,
  });
  const { rows } = await ctx.app.db.execute({ sql: 'SELECT 1 FROM "User" WHERE "email" = ?', args: [email] });
  if (rows.length === 0) {
    return { status: "refused", note: `sign-up refused (HTTP ${signUp.status})` };
  }
  const signedIn = await signIn(email, `${prefix}-wrong-guess`).then(
    () => true,
    () => false,
  );
  return {
    status: signedIn ? "signed in" : "refused",
    note: "account created",
  };
}
