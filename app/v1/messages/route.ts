import { anthropicErrorResponse } from "@/lib/gateway/anthropic/errors";
import { messages } from "@/lib/gateway/anthropic/messages";
import { keyRefused } from "@/lib/gateway/errors";
import { authenticateApiKey } from "@/lib/keys/authenticate";

// The team's GLM API, as Anthropic's Messages API (lib/gateway/anthropic): a personal API key in
// `x-api-key` or `Authorization: Bearer`, checked by lib/keys; everything else is lib/gateway's.

// Long answers with long thinking run for minutes (as the chat's route: VERCEL_MAX_DURATION_S).
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  const caller = await authenticateApiKey(request);
  if (!("userId" in caller)) return anthropicErrorResponse(keyRefused(caller));
  return messages(caller, request);
}
