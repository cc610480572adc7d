import { authedRoute, parseBody } from "@/lib/api/route";
import { appError } from "@/lib/i18n/app-error";
import { sharingMode } from "@/lib/share/access";
import { shareOptionsSchema } from "@/lib/share/share-schema";
import { createShare, listShares } from "@/lib/share/shares";

type Context = { params: Promise<{ id: string }> };

/** The links to one of the user's conversations that still work. */
export const GET = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  return Response.json({ shares: await listShares(user.id, id) });
});

/**
 * A new link (404 if the conversation is not the user's, 403 while the admin has sharing off). Its
 * token is in this answer only: the database keeps its hash.
 */
export const POST = authedRoute<Context>(async ({ user, request, context }) => {
  const { id } = await context.params;
  if ((await sharingMode()) === "off") throw appError("forbidden", "sharingOff");
  const options = await parseBody(request, shareOptionsSchema);
  const share = await createShare(user.id, id, options);
  if (!share) throw appError("not_found", "conversationNotFound");
  return Response.json({ share }, { status: 201 });
});
