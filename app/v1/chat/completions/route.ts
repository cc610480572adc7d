import { keyRefused } from "@/lib/gateway/errors";
import { chatCompletions } from "@/lib/gateway/openai/chat-completions";
import { openAIErrorResponse } from "@/lib/gateway/openai/errors";
import { type ApiCaller, authenticateApiKey } from "@/lib/keys/authenticate";

// The team's GLM API, as OpenAI's chat completions (lib/gateway): a personal API key in
// `Authorization: Bearer`, checked by lib/keys; everything else is lib/gateway's.

// Long answers with long thinking run for minutes (as the chat's route: VERCEL_MAX_DURATION_S).
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  const caller: ApiCaller | Awaited<ReturnType<typeof authenticateApiKey>> = await authenticateApiKey(request);
  if (!("userId" in caller)) return openAIErrorResponse(keyRefused(caller));
  return chatCompletions(caller, request);
}
