import { z } from "zod";
import { authedRoute } from "@/lib/api/route";
import { listConversations, searchConversations } from "@/lib/chat/queries/conversations";
import { AppError } from "@/lib/errors";

const querySchema = z.string().trim().max(200, "A search can be at most 200 characters.");

/** The user's conversations, newest first; with ?q=, those whose title or messages contain it. */
export const GET = authedRoute(async ({ user, request }) => {
  const parsed = querySchema.safeParse(new URL(request.url).searchParams.get("q") ?? "");
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid search.");
  const conversations = parsed.data
    ? await searchConversations(user.id, parsed.data)
    : await listConversations(user.id);
  return Response.json({ conversations });
});
