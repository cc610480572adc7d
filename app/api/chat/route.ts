import { BODY_LIMITS } from "@/lib/api/body";
import { authedRoute, parseBody } from "@/lib/api/route";
import { runChatTurn } from "@/lib/chat/turn";
import { chatRequestSchema } from "@/lib/shared/chat/request-schema";

// Long answers with long thinking run for minutes; on Vercel the answer goes on after the
// browser leaves, within this. A literal, as Next.js requires of segment config: keep it equal to
// VERCEL_MAX_DURATION_S (lib/generation/limits).
export const maxDuration = 300;

// The turn reads the account's standing with the conversation, in one round trip.
export const POST = authedRoute(
  async ({ user, request }) => {
    const body = await parseBody(request, chatRequestSchema);
    return runChatTurn({ userId: user.id, signedInAt: user.signedInAt, sessionId: user.sessionId, request: body });
  },
  { standing: "caller", maxBytes: BODY_LIMITS.chat },
);
