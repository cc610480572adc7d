import { countMessageTokens } from "@/lib/gateway/anthropic/count-tokens";
import { anthropicErrorResponse } from "@/lib/gateway/anthropic/errors";
import { keyRefused } from "@/lib/gateway/errors";
import { authenticateApiKey } from "@/lib/keys/authenticate";

// Anthropic's token count for a Messages request, from our estimator (lib/gateway/anthropic): the
// same key as /v1/messages; nothing is billed.

export async function POST(request: Request): Promise<Response> {
  const caller = await authenticateApiKey(request);
  if (!("userId" in caller)) return anthropicErrorResponse(keyRefused(caller));
  return countMessageTokens(request);
}
