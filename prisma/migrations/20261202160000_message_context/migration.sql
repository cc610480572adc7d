-- What an answer's first call sent (lib/chat/context): how many earlier messages of the branch
-- were left out to fit the model's context window, the first one sent, the prompt's estimated
-- tokens and the window. Shown by the chat's context meter and the "not sent" marker.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "context" JSONB;
