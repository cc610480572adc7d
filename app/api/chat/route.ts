import { BODY_LIMITS } from "@/lib/api/body";
import { authedRoute, parseBody } from "@/lib/api/route";
import { chatRequestSchema } from "@/lib/chat/request-schema";
import { runChatTurn } from "@/lib/chat/turn";
import { VERCEL_MAX_DURATION_S } from "@/lib/generation/limits";

// Long answers with long thinking run for minutes; on Vercel the answer goes on after the
// browser leaves, within this (lib/generation/limits).
export const maxDuration = VERCEL_MAX_DURATION_S;

// The turn reads the account's standing with the conversation, in one round trip.
export const POST = authedRoute(
  async ({ user, request }) => {
    const body = await parseBody(request, chatRequestSchema);
    return runChatTurn({ userId: user.id, signedInAt: user.signedInAt, sessionId: user.sessionId, request: body });
  },
  { standing: "caller", maxBytes: BODY_LIMITS.chat },
);
