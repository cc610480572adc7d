-- Each message's estimated tokens as a turn sends it from the history (lib/chat/context/fit.ts,
-- estimateMessage): whole, and without its tool results and thinking (lean). Written with its
-- parts, so that fitting a long conversation to the model's window reads two numbers a message
-- instead of measuring every message again at each turn. NULL for messages written before this
-- (and for an answer while it is written, or interrupted): those are measured when read. A change
-- to the estimate sets them back to NULL.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "tokens" INTEGER;
ALTER TABLE "Message" ADD COLUMN "leanTokens" INTEGER;
