-- The summary of a long conversation's earlier messages, those left out to fit the model's
-- context window (lib/chat/context/summary.ts): its text, the last message it covers, its
-- estimated tokens. Written by the team's cheap model after an answer, sent with the next turns.

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "summary" JSONB;
