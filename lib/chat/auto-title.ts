import "server-only";
import { cleanTitle } from "../shared/chat/title";
import { type CheapCallTarget, cheapCall } from "./cheap-call";

// After the first answer of a new conversation, the team's cheap model on the same connection
// names it (cheap-call.ts: admitted against the budgets, billed as a "title" ledger row written
// with the title). The placeholder title (the start of the first message) is replaced only if
// the user has not renamed the conversation meanwhile.

/** A title is not worth waiting longer for. */
const TITLE_TIMEOUT_MS = 20_000;

const INSTRUCTIONS =
  "Reply with only a title for this conversation: at most 6 words, in the language of the user's message, no quotes, no punctuation at the end.";

export async function generateTitle({
  placeholder,
  userText,
  answerText,
  timeoutMs = TITLE_TIMEOUT_MS,
  ...target
}: CheapCallTarget & {
  placeholder: string;
  userText: string;
  answerText: string;
  /** How long to wait for the title (tests shorten it). */
  timeoutMs?: number;
}): Promise<string | null> {
  const text = await cheapCall({
    ...target,
    purpose: "title",
    system: INSTRUCTIONS,
    prompt: `User: ${userText.slice(0, 2000)}\n\nAssistant: ${answerText.slice(0, 2000)}`,
    // On a platform whose model decides itself whether to think (AceData), room for its thinking.
    maxOutputTokens: { plain: 32, thinking: 1024 },
    timeoutMs,
    // Raw, so that the conversation's updatedAt (its place in the list) does not move.
    before: (answer) => {
      const title = cleanTitle(answer);
      return title
        ? [
            {
              sql: 'UPDATE "Conversation" SET "title" = ? WHERE "id" = ? AND "userId" = ? AND "title" = ?',
              args: [title, target.conversationId, target.userId, placeholder],
            },
          ]
        : [];
    },
  });
  return (text && cleanTitle(text)) || null;
}
