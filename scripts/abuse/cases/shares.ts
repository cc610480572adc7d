// Issue #13 item 8: a share shows no tool calls unless its owner chose to, and the admin can
// switch sharing off (links 404) or limit it to signed-in readers.
import { randomUUID } from "node:crypto";
import { DEFAULT_SHARING, type SharingMode, setSharing } from "../admin-forms";
import { Browser, chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { toolResults } from "./support";

/** A conversation with a tool call, shared with the default options. */
export async function toolsHiddenByDefault(ctx: Ctx): Promise<Outcome> {
  const conversationId = randomUUID();
  const turn = await ctx.attacker.chat(
    chatBody(`What time is it in "Asia/Shanghai"? [[sim:tool:current_time]]`, { conversationId, tools: true }),
  );
  const called = toolResults(turn.chunks).length > 0;
  const share = await ctx.attacker.json<{ share?: { token: string; showTools: boolean } }>(
    `/api/conversations/${conversationId}/shares`,
    { method: "POST", json: {} },
  );
  const token = share.body.share?.token;
  if (!token) return { status: `share refused (${share.status})` };
  ctx.memo.set("shareToken", token);
  // Read by another member: a new team shares with signed-in readers only.
  const page = await ctx.victim.fetch(`/share/${token}`);
  const html = await page.text();
  return {
    status: page.status,
    checks: [
      check("the answer called a tool", called, called ? "current_time called" : "no tool call to hide"),
      // The shared page's tool card (components/share/shared-message.tsx).
      check(
        "no tool call shown",
        !html.includes('data-testid="shared-tool"'),
        `showTools ${share.body.share?.showTools}`,
      ),
    ],
  };
}

/** The admin's sharing setting, then the link opened signed out; sharing is back to the default after. */
export function linkWhenSharing(mode: SharingMode) {
  return async (ctx: Ctx): Promise<Outcome> => {
    const token = ctx.memo.get("shareToken") as string | undefined;
    if (!token) return { status: "no share (8a failed)" };
    let setting: string;
    try {
      setting = await setSharing(ctx.admin, mode);
    } catch (error) {
      return { status: "no setting", checks: [check("admin setting", false, (error as Error).message)] };
    }
    try {
      const res = await new Browser("reader").fetch(`/share/${token}`);
      await res.arrayBuffer();
      const location = res.headers.get("location") ?? "";
      // Signed-in readers only: a reader signed out is sent to sign in.
      const checks =
        mode === "signed-in" ? [check("to sign-in", location.includes("/sign-in"), location || "no redirect")] : [];
      return { status: res.status, checks, note: `set ${setting}` };
    } finally {
      await setSharing(ctx.admin, DEFAULT_SHARING).catch(() => {});
    }
  };
}
