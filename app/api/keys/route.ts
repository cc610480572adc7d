import { authedRoute, parseBody } from "@/lib/api/route";
import { createApiKey, listApiKeys } from "@/lib/keys/keys";
import { newKeySchema } from "@/lib/shared/api-keys";

/** The user's API keys, newest first: never a key, never its hash. */
export const GET = authedRoute(async ({ user }) => {
  return Response.json({ keys: await listApiKeys(user.id) });
});

/**
 * A new API key (409 when the user has as many working keys as allowed). The key is in this
 * answer only: the database keeps its hash.
 */
export const POST = authedRoute(async ({ user, request }) => {
  const input = await parseBody(request, newKeySchema);
  const { id, key, prefix, name, expiresAt } = await createApiKey(user.id, input);
  return Response.json({ id, key, prefix, name, expiresAt }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
