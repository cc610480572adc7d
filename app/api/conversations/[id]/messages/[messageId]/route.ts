import { authedRoute } from "@/lib/api/route";
import { deleteMessage } from "@/lib/chat/queries/conversations";
import { AppError } from "@/lib/errors";

type Context = { params: Promise<{ id: string; messageId: string }> };

/** Deletes a message and what follows it; answers with the message the chat now ends at. */
export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id, messageId } = await context.params;
  const result = await deleteMessage(user.id, id, messageId);
  if (!result) throw new AppError("not_found", "This message does not exist any more. Reload the page.");
  return Response.json(result);
});
