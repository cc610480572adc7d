-- Generations the server owns (lib/generation). An answer being written is a Message row with
-- status "streaming" from the moment the turn is admitted; "live" holds what whoever finds the
-- generation dead needs (its stream id, the reservations it holds, what it was asked): cleared
-- when the answer settles. The partial index keeps "which answers are being written" cheap on a
-- table of millions of messages (Prisma does not model partial indexes: see prisma/schema.prisma).

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "live" JSONB;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "unseenAt" DATETIME;

-- AlterTable
ALTER TABLE "SpendSettings" ADD COLUMN "runningPerUser" INTEGER;

-- CreateIndex
CREATE INDEX "Message_streaming_idx" ON "Message"("conversationId") WHERE "status" = 'streaming';
