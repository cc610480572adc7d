-- Revisions of a conversation's messages, so that a server can keep a long branch it has read
-- (lib/chat/queries/branch-cache.ts) and bring it up to date by reading only what changed: every
-- insert, update or delete of a message counts one more revision of its conversation, and a
-- written message carries the revision that wrote it. A delete also notes its revision: a server
-- whose copy is older reads the branch again. Kept by triggers, so that no writer (this app's,
-- another instance's, Prisma's or a script's) can forget it.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "messagesRevision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Conversation" ADD COLUMN "deletedRevision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Message_conversationId_revision_idx" ON "Message"("conversationId", "revision");

-- A message's own revision stamp is an update too: the WHEN keeps it from counting again.
CREATE TRIGGER "Message_revision_insert" AFTER INSERT ON "Message" BEGIN
  UPDATE "Conversation" SET "messagesRevision" = "messagesRevision" + 1 WHERE "id" = NEW."conversationId";
  UPDATE "Message" SET "revision" = (SELECT "messagesRevision" FROM "Conversation" WHERE "id" = NEW."conversationId")
    WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Message_revision_update" AFTER UPDATE ON "Message" WHEN NEW."revision" = OLD."revision" BEGIN
  UPDATE "Conversation" SET "messagesRevision" = "messagesRevision" + 1 WHERE "id" = NEW."conversationId";
  UPDATE "Message" SET "revision" = (SELECT "messagesRevision" FROM "Conversation" WHERE "id" = NEW."conversationId")
    WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Message_revision_delete" AFTER DELETE ON "Message" BEGIN
  UPDATE "Conversation" SET "messagesRevision" = "messagesRevision" + 1, "deletedRevision" = "messagesRevision" + 1
    WHERE "id" = OLD."conversationId";
END;
