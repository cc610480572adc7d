import { keyRefused } from "@/lib/gateway/errors";
import { openAIErrorResponse } from "@/lib/gateway/openai/errors";
import { modelList } from "@/lib/gateway/openai/list-models";
import { type ApiCaller, authenticateApiKey } from "@/lib/keys/authenticate";

// GET /v1/models: the models the team's API offers (lib/gateway/models.ts), to a valid key.

export async function GET(request: Request): Promise<Response> {
  const caller: ApiCaller | Awaited<ReturnType<typeof authenticateApiKey>> = await authenticateApiKey(request);
  if (!("userId" in caller)) return openAIErrorResponse(keyRefused(caller));
  try {
    return await modelList();
  } catch (error) {
    return openAIErrorResponse(error);
  }
}
