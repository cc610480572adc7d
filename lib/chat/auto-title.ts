import "server-only";
import { generateText } from "ai";
import type { ModelId } from "../catalog/models";
import { db } from "../db/client";
import { languageModel } from "../providers/configured";
import type { Connection } from "../providers/connections";
import { reportedUsage } from "./turn-recorder";

// After the first answer of a new conversation, a cheap model on the same connection names it.
// The placeholder title (the start of the first message) is replaced only if the user has not
// renamed the conversation meanwhile. The call is billed like any other: a usage row of its own.

/** Cheapest first; the conversation's own model when the connection serves none of these. */
const TITLE_MODELS: ModelId[] = ["glm-4.5-air", "glm-3-turbo", "glm-4.6", "glm-4.7"];

const INSTRUCTIONS =
  "Reply with only a title for this conversation: at most 6 words, in the language of the user's message, no quotes, no punctuation at the end.";

export function cleanTitle(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  return line
    .replace(/^(#+\s*|title\s*:\s*)/i, "")
    .replace(/[*_`"“”'‘’]/g, "")
    .replace(/[\s.。!！?？:：]+$/u, "")
    .replace(/\s+/g, " ")
    .slice(0, 60)
    .trim();
}

export async function generateTitle({
  connection,
  served,
  model,
  userId,
  conversationId,
  placeholder,
  userText,
  answerText,
}: {
  connection: Connection;
  served: ReadonlyMap<ModelId, string>;
  model: ModelId;
  userId: string;
  conversationId: string;
  placeholder: string;
  userText: string;
  answerText: string;
}): Promise<string | null> {
  const { platform } = connection;
  // A model that can be asked not to think answers a title in a few tokens; on a platform that
  // decides itself (AceData), allow room for its thinking.
  const canSkipThinking = (id: ModelId) => platform.models[id]?.features.thinking !== "default";
  const titleModel =
    TITLE_MODELS.find((id) => served.has(id) && canSkipThinking(id)) ??
    TITLE_MODELS.find((id) => served.has(id)) ??
    model;
  const result = await generateText({
    model: languageModel(connection, served.get(titleModel) ?? titleModel),
    system: INSTRUCTIONS,
    prompt: `User: ${userText.slice(0, 2000)}\n\nAssistant: ${answerText.slice(0, 2000)}`,
    maxOutputTokens: canSkipThinking(titleModel) ? 32 : 1024,
    maxRetries: 0,
    abortSignal: AbortSignal.timeout(20_000),
    providerOptions: platform.providerOptions({
      thinking: platform.models[titleModel]?.features.thinking === "switch" ? false : undefined,
      webSearch: false,
      tools: false,
    }),
  });
  const title = cleanTitle(result.text);
  const usage = reportedUsage(result.usage);
  await db.$transaction([
    // Raw, so that the conversation's updatedAt (its place in the list) does not move.
    ...(title
      ? [
          db.$executeRaw`UPDATE "Conversation" SET "title" = ${title} WHERE "id" = ${conversationId} AND "userId" = ${userId} AND "title" = ${placeholder}`,
        ]
      : []),
    db.usage.create({
      data: {
        userId,
        conversationId,
        platform: platform.id,
        requestedModel: titleModel,
        answeredModel: result.response.modelId || null,
        // A platform that reported nothing leaves zeros marked as estimated (#5 brings a tokenizer).
        ...(usage ?? { estimated: true }),
      },
    }),
  ]);
  return title || null;
}
