import { authedRoute } from "@/lib/api/route";
import { markSeen } from "@/lib/chat/queries/conversations";
import { messagePage } from "@/lib/chat/queries/message-pages";
import { appError } from "@/lib/i18n/app-error";
import { pageQuerySchema } from "@/lib/shared/chat/message-page";
import { describeIssues } from "@/lib/shared/chat/request-schema";

type Context = { params: Promise<{ id: string }> };

/** A page of the conversation's messages (lib/shared/chat/message-page): the owner's only. */
export const GET = authedRoute<Context>(async ({ user, request, context }) => {
  const { id } = await context.params;
  const query = pageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw appError("bad_request", "invalidRequest", { issues: describeIssues(query.error) });
  const page = await messagePage(user.id, id, query.data);
  if (!page) throw appError("not_found", "conversationNotFound");
  // The open chat reads its answers here (one that ended while nobody watched, too): seen.
  await markSeen(user.id, id);
  return Response.json(page);
});
