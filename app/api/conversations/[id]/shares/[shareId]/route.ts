import { authedRoute } from "@/lib/api/route";
import { appError } from "@/lib/i18n/app-error";
import { revokeShare } from "@/lib/share/shares";

type Context = { params: Promise<{ id: string; shareId: string }> };

/** Revokes a link: from now on it shows nothing (404). */
export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id, shareId } = await context.params;
  if (!(await revokeShare(user.id, id, shareId))) throw appError("not_found", "notFound");
  return new Response(null, { status: 204 });
});
