import { authedRoute, parseBody } from "@/lib/api/route";
import { chatRequestSchema } from "@/lib/chat/request-schema";
import { runChatTurn } from "@/lib/chat/turn";

// Long answers with long thinking can stream for minutes.
export const maxDuration = 300;

export const POST = authedRoute(async ({ user, request }) => {
  const body = await parseBody(request, chatRequestSchema);
  return runChatTurn({ userId: user.id, request: body, signal: request.signal });
});
