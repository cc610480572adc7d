import { authedRoute } from "@/lib/api/route";
import { listConversations } from "@/lib/db/conversations";

export const GET = authedRoute(async ({ user }) => {
  return Response.json({ conversations: await listConversations(user.id) });
});
