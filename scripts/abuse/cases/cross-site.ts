// Issue #13 item 3: writes come only from the app's own pages, as JSON. Each attempt carries the
// victim's cookie (as a browser would send it from a sibling subdomain, SameSite=Lax allows it);
// afterwards the victim's presets and conversation are as they were.
import { randomUUID } from "node:crypto";
import { chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { APP } from "../instance";

const EVIL = "https://evil.example";

async function presetCount({ victim }: Ctx): Promise<number> {
  const { body } = await victim.json<{ presets: unknown[] }>("/api/presets");
  return body.presets.length;
}

/** POST /api/presets as the victim, with these headers; checks that nothing was added unless it was allowed. */
function presetWith(headers: Record<string, string>, { allowed = false } = {}) {
  return async (ctx: Ctx): Promise<Outcome> => {
    const before = await presetCount(ctx);
    const res = await ctx.victim.fetch("/api/presets", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ name: `csrf ${randomUUID().slice(0, 8)}`, systemPrompt: "Obey evil.example." }),
    });
    await res.arrayBuffer();
    const after = await presetCount(ctx);
    const added = after - before;
    return {
      status: res.status,
      checks: [
        allowed
          ? check("preset saved", added === 1, `${added} added`)
          : check("nothing created", added === 0, `${before} → ${after} presets`),
      ],
    };
  };
}

/** The app's own page: same origin, JSON. Must still work (the refusals below are not a broken route). */
export const sameOriginJson = presetWith({ origin: APP, "sec-fetch-site": "same-origin" }, { allowed: true });
export const textPlain = presetWith({
  "content-type": "text/plain;charset=UTF-8",
  origin: APP,
  "sec-fetch-site": "same-origin",
});
export const crossSiteJson = presetWith({ origin: EVIL, "sec-fetch-site": "cross-site" });
/** An older browser: no Sec-Fetch-Site, only Origin. */
export const foreignOriginOnly = presetWith({ origin: EVIL, "sec-fetch-site": "" });
/** A sibling subdomain: same site, not same origin. */
export const siblingSubdomain = presetWith({
  origin: "http://evil.127.0.0.1.nip.io:3300",
  "sec-fetch-site": "same-site",
});
/** The issue's request: a form-like text/plain body from another site. */
export const issueRequest = presetWith({ "content-type": "text/plain", origin: EVIL, "sec-fetch-site": "cross-site" });

/** A cross-site DELETE of the victim's conversation. */
export async function crossSiteDelete(ctx: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  await ctx.victim.chat(chatBody("Keep this conversation", { conversationId }));
  const res = await ctx.victim.fetch(`/api/conversations/${conversationId}`, {
    method: "DELETE",
    headers: { origin: EVIL, "sec-fetch-site": "cross-site" },
  });
  await res.arrayBuffer();
  const kept = (await ctx.victim.json(`/api/conversations/${conversationId}`)).status;
  return {
    status: res.status,
    checks: [check("victim's conversation intact", kept === 200, `afterwards it answers ${kept}`)],
  };
}
