import { authedRoute, parseBody } from "@/lib/api/route";
import { appError } from "@/lib/i18n/app-error";
import { revokeApiKey, setApiKeyCaps } from "@/lib/keys/keys";
import { keyCapsSchema } from "@/lib/shared/api-keys";

type Context = { params: Promise<{ id: string }> };

/** Revokes one of the user's keys: from now on it answers 401. Another person's key is not found. */
export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  if (!(await revokeApiKey(user.id, id))) throw appError("not_found", "keyNotFound");
  return new Response(null, { status: 204 });
});

/** Sets the monthly caps of one of the user's working keys (both fields; null: no cap). */
export const PATCH = authedRoute<Context>(async ({ user, request, context }) => {
  const { id } = await context.params;
  const caps = await parseBody(request, keyCapsSchema);
  if (!(await setApiKeyCaps(user.id, id, caps))) throw appError("not_found", "keyNotFound");
  return new Response(null, { status: 204 });
});
