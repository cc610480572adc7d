-- A message's children, newest first, in one seek: the walk down a conversation's path to its
-- newest leaf (lib/chat/queries/message-pages), a step a row however long the conversation is.
CREATE INDEX "Message_conversationId_parentId_createdAt_idx" ON "Message"("conversationId", "parentId", "createdAt");
