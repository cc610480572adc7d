import { authedRoute } from "@/lib/api/route";
import { listConversations, searchConversations } from "@/lib/chat/queries/conversations";
import { appError } from "@/lib/i18n/app-error";
import { listQuerySchema } from "@/lib/shared/chat/conversation-list";
import { describeIssues } from "@/lib/shared/chat/request-schema";

/**
 * The user's pinned conversations and their `limit` newest others (`more`: there are older ones);
 * with ?q=, those whose title or messages contain it.
 */
export const GET = authedRoute(async ({ user, request }) => {
  const query = listQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw appError("bad_request", "invalidRequest", { issues: describeIssues(query.error) });
  const { q, limit } = query.data;
  if (q) return Response.json({ conversations: await searchConversations(user.id, q), more: false });
  return Response.json(await listConversations(user.id, limit));
});
