import "server-only";
import { generateText } from "ai";
import { languageModel } from "../providers/configured";
import { type Connection, catalogIdOfAnswer } from "../providers/connections";
import type { ModelId } from "../shared/catalog/models";
import type { TokenUsage } from "../shared/chat/message";
import { cleanTitle } from "../shared/chat/title";
import { chargeCall } from "../spend/charges";
import { spendConfig } from "../spend/config";
import { messagesBound } from "../spend/prompt-bound";
import { recordLedger } from "../spend/queries/ledger";
import { countTokens, loadTokenizer } from "../spend/tokens";
import { TurnBudget } from "../spend/turn-budget";
import { reportedUsage } from "./turn-recorder";

// After the first answer of a new conversation, a cheap model on the same connection names it.
// The placeholder title (the start of the first message) is replaced only if the user has not
// renamed the conversation meanwhile. The call is billed like any other: a ledger row of its own,
// written with the title.

/** Cheapest first; the conversation's own model when the connection serves none of these. */
const TITLE_MODELS: ModelId[] = ["glm-4.5-air", "glm-3-turbo", "glm-4.6", "glm-4.7"];

/** A title is not worth waiting longer for. */
const TITLE_TIMEOUT_MS = 20_000;

const INSTRUCTIONS =
  "Reply with only a title for this conversation: at most 6 words, in the language of the user's message, no quotes, no punctuation at the end.";

export async function generateTitle({
  connection,
  served,
  model,
  userId,
  conversationId,
  placeholder,
  userText,
  answerText,
  timeoutMs = TITLE_TIMEOUT_MS,
}: {
  connection: Connection;
  served: ReadonlyMap<ModelId, string>;
  model: ModelId;
  userId: string;
  conversationId: string;
  placeholder: string;
  userText: string;
  answerText: string;
  /** How long to wait for the title (tests shorten it). */
  timeoutMs?: number;
}): Promise<string | null> {
  const { platform } = connection;
  // A model that can be asked not to think answers a title in a few tokens; on a platform that
  // decides itself (AceData), allow room for its thinking.
  const canSkipThinking = (id: ModelId) => platform.models[id]?.features.thinking !== "default";
  const titleModel =
    TITLE_MODELS.find((id) => served.has(id) && canSkipThinking(id)) ??
    TITLE_MODELS.find((id) => served.has(id)) ??
    model;
  const prompt = `User: ${userText.slice(0, 2000)}\n\nAssistant: ${answerText.slice(0, 2000)}`;
  const maxOutputTokens = canSkipThinking(titleModel) ? 32 : 1024;
  const spend = await spendConfig();
  // Held against the budgets like any call (not counted as a request): without room for all of
  // it, no title (a title is not worth capping). Thinking a platform counts apart and cannot cap
  // could not be held within a budget at all.
  const budget = new TurnBudget(spend, { userId, platform: platform.id, models: [titleModel], candidates: 1 });
  const unboundedThinking = !canSkipThinking(titleModel) && platform.output.maxTokensCovers === "answer";
  if (budget.budgeted && unboundedThinking) return null;
  const at = new Date();
  const grant = await budget.admitNext({
    promptTokens: budget.budgeted ? messagesBound(INSTRUCTIONS, [{ parts: [{ type: "text", text: prompt }] }]) : 0,
    outputTokens: maxOutputTokens,
    at,
  });
  if (!grant || grant.capped) {
    await budget.releaseAll();
    return null;
  }
  const record = (entry: { usage: TokenUsage; answeredModel: string | null; title: string }) =>
    recordLedger(
      [
        {
          userId,
          conversationId,
          messageId: null,
          purpose: "title",
          platform: platform.id,
          requestedModel: titleModel,
          answeredModel: entry.answeredModel,
          usage: entry.usage,
          cost: chargeCall(spend, {
            platform: platform.id,
            model: (entry.answeredModel && catalogIdOfAnswer(served, entry.answeredModel)) || titleModel,
            usage: entry.usage,
            at,
          }),
          at,
        },
      ],
      {
        timeZone: spend.timeZone,
        // Raw, so that the conversation's updatedAt (its place in the list) does not move.
        before: entry.title
          ? [
              {
                sql: 'UPDATE "Conversation" SET "title" = ? WHERE "id" = ? AND "userId" = ? AND "title" = ?',
                args: [entry.title, conversationId, userId, placeholder],
              },
            ]
          : [],
        after: budget.releaseStatements(),
      },
    );
  let result: Awaited<ReturnType<typeof generateText>>;
  try {
    result = await generateText({
      model: languageModel(connection, served.get(titleModel) ?? titleModel),
      system: INSTRUCTIONS,
      prompt,
      maxOutputTokens,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(timeoutMs),
      providerOptions: platform.providerOptions({
        thinking: platform.models[titleModel]?.features.thinking === "switch" ? false : undefined,
        webSearch: false,
        tools: false,
      }),
    });
  } catch (error) {
    // Refused, the call cost nothing. Timed out, it was sent: a platform finishes (and bills) an
    // answer that is not streamed even when nobody waits for it any more, and we saw none of it,
    // so the call is counted at its worst case, the prompt and every output token it allowed.
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    if (timedOut) await loadTokenizer().catch(() => {});
    await record({
      usage: timedOut ? estimatedUsage(`${INSTRUCTIONS}\n${prompt}`, maxOutputTokens) : estimatedUsage("", 0),
      answeredModel: null,
      title: "",
    });
    throw error;
  }
  const title = cleanTitle(result.text);
  const reported = reportedUsage(result.usage);
  if (!reported) await loadTokenizer().catch(() => {});
  // A platform that reported nothing: counted with the tokenizer, marked as estimated.
  await record({
    usage: reported ?? estimatedUsage(`${INSTRUCTIONS}\n${prompt}`, countTokens(result.text)),
    answeredModel: result.response.modelId || null,
    title,
  });
  return title || null;
}

function estimatedUsage(prompt: string, outputTokens: number): TokenUsage {
  const inputTokens = countTokens(prompt);
  return {
    inputTokens,
    outputTokens,
    reasoningTokens: 0,
    cachedInputTokens: 0,
    totalTokens: inputTokens + outputTokens,
    estimated: true,
  };
}
