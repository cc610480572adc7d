import { authedRoute, parseBody } from "@/lib/api/route";
import { conversationUpdateSchema } from "@/lib/chat/conversation-update";
import { deleteConversation, getConversation, markSeen, updateConversation } from "@/lib/chat/queries/conversations";
import { AppError } from "@/lib/errors";
import { toChatMessage } from "@/lib/shared/chat/stored-message";

type Context = { params: Promise<{ id: string }> };

const notFound = () => new AppError("not_found", "This conversation does not exist.");

export const GET = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  const conversation = await getConversation(user.id, id);
  if (!conversation) throw notFound();
  // The whole conversation, every branch and version (for clients and scripts): the chat itself
  // reads a page at a time (./messages).
  if (conversation.unseenAt) await markSeen(user.id, id);
  const { messages, userId: _owner, ...rest } = conversation;
  return Response.json({ conversation: rest, messages: messages.map(toChatMessage) });
});

export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  if (!(await deleteConversation(user.id, id))) throw notFound();
  return new Response(null, { status: 204 });
});

export const PATCH = authedRoute<Context>(async ({ user, request, context }) => {
  const { id } = await context.params;
  const update = await parseBody(request, conversationUpdateSchema);
  if (!(await updateConversation(user.id, id, update))) throw notFound();
  return new Response(null, { status: 204 });
});
