import { authedRoute } from "@/lib/api/route";
import { appError } from "@/lib/i18n/app-error";
import { revokeApiKey } from "@/lib/keys/keys";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of the user's keys: from now on it answers 401. Another person's key is not found. */
export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  if (!(await revokeApiKey(user.id, id))) throw appError("not_found", "keyNotFound");
  return new Response(null, { status: 204 });
});
