-- The branch of a conversation that the chat shows (regenerated answers and edited messages
-- make the conversation a tree; see lib/chat/branches.ts).
ALTER TABLE "Conversation" ADD COLUMN "headId" TEXT;

-- Messages written before branches existed form a single line: each follows the one before it.
UPDATE "Message" SET "parentId" = (
    SELECT "previous"."id" FROM "Message" AS "previous"
    WHERE "previous"."conversationId" = "Message"."conversationId"
      AND ("previous"."createdAt" < "Message"."createdAt"
        OR ("previous"."createdAt" = "Message"."createdAt" AND "previous"."rowid" < "Message"."rowid"))
    ORDER BY "previous"."createdAt" DESC, "previous"."rowid" DESC
    LIMIT 1
) WHERE "parentId" IS NULL;
