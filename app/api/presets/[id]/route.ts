import { authedRoute } from "@/lib/api/route";
import { deletePreset } from "@/lib/chat/queries/presets";
import { AppError } from "@/lib/errors";

type Context = { params: Promise<{ id: string }> };

export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  if (!(await deletePreset(user.id, id))) throw new AppError("not_found", "This preset does not exist.");
  return new Response(null, { status: 204 });
});
