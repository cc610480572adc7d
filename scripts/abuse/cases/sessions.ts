// Issue #13 item 7: signing out ends the session on the server, and over HTTPS only the
// `__Host-` cookie counts. HTTPS is what a TLS-terminating proxy reports: X-Forwarded-Proto.
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
