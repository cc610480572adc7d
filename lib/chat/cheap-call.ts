import "server-only";
import type { InStatement } from "@libsql/client";
import { generateText } from "ai";
import { languageModel } from "../providers/configured";
import { type Connection, catalogIdOfAnswer } from "../providers/connections";
import type { ModelId } from "../shared/catalog/models";
import type { TokenUsage } from "../shared/chat/message";
import type { PlatformDescription } from "../shared/platforms";
import { chargeCall } from "../spend/charges";
import { spendConfig } from "../spend/config";
import { messagesBound } from "../spend/prompt-bound";
import { type LedgerEntry, recordLedger } from "../spend/queries/ledger";
import { countTokens, loadTokenizer } from "../spend/tokens";
import { TurnBudget } from "../spend/turn-budget";
import { reportedUsage } from "./turn-recorder";

// The chat's small calls beside an answer — a new conversation's title (auto-title.ts), a long
// one's summary (context/summary.ts) — to the team's cheap model on the same connection. Each is
// held against the budgets like any call (not counted as a request): without room for all of it,
// it is not made (neither is worth capping). Each is billed as a ledger row of its own, written
// in one transaction with what the call produced (`before`).

/** Cheapest first; the conversation's own model when the connection serves none of these. */
const CHEAP_MODELS: ModelId[] = ["glm-4.5-air", "glm-3-turbo", "glm-4.6", "glm-4.7"];

/** A model that can be asked not to think answers in a few tokens (AceData's decide themselves). */
export const canSkipThinking = (platform: PlatformDescription, id: ModelId) =>
  platform.models[id]?.features.thinking !== "default";

/** The team's cheap model on the connection: one that need not think, if any. */
export function cheapModel(platform: PlatformDescription, served: ReadonlyMap<ModelId, string>, model: ModelId) {
  return (
    CHEAP_MODELS.find((id) => served.has(id) && canSkipThinking(platform, id)) ??
    CHEAP_MODELS.find((id) => served.has(id)) ??
    model
  );
}

/** Whose call, on which connection, beside which conversation and model. */
export interface CheapCallTarget {
  connection: Connection;
  served: ReadonlyMap<ModelId, string>;
  /** The conversation's model: the cheap one is chosen beside it (cheapModel). */
  model: ModelId;
  userId: string;
  conversationId: string;
}

export interface CheapCall extends CheapCallTarget {
  purpose: Exclude<LedgerEntry["purpose"], "answer" | "api">;
  system: string;
  prompt: string;
  /** The output allowed where the model can be asked not to think, and where it thinks anyway. */
  maxOutputTokens: { plain: number; thinking: number };
  timeoutMs: number;
  /** What to write with the ledger row, given the call's text ("" when it failed). */
  before: (text: string) => InStatement[];
}

/**
 * Makes the call and records it; the text, or null when the budgets have no room for it. Throws
 * when the call fails (its row recorded: a call that timed out was billed all the same).
 */
export async function cheapCall(call: CheapCall): Promise<string | null> {
  const { connection, served, userId, conversationId, system, prompt } = call;
  const { platform } = connection;
  const model = cheapModel(platform, served, call.model);
  const plain = canSkipThinking(platform, model);
  const maxOutputTokens = plain ? call.maxOutputTokens.plain : call.maxOutputTokens.thinking;
  const spend = await spendConfig();
  // Thinking a platform counts apart and cannot cap could not be held within a budget at all.
  const budget = new TurnBudget(spend, { userId, platform: platform.id, models: [model], candidates: 1 });
  const unboundedThinking = !plain && platform.output.maxTokensCovers === "answer";
  if (budget.budgeted && unboundedThinking) return null;
  const at = new Date();
  const grant = await budget.admitNext({
    promptTokens: budget.budgeted ? messagesBound(system, [{ parts: [{ type: "text", text: prompt }] }]) : 0,
    outputTokens: maxOutputTokens,
    at,
  });
  if (!grant || grant.capped) {
    await budget.releaseAll();
    return null;
  }
  const record = (entry: { usage: TokenUsage; answeredModel: string | null; text: string }) =>
    recordLedger(
      [
        {
          userId,
          conversationId,
          messageId: null,
          purpose: call.purpose,
          platform: platform.id,
          requestedModel: model,
          answeredModel: entry.answeredModel,
          usage: entry.usage,
          cost: chargeCall(spend, {
            platform: platform.id,
            model: (entry.answeredModel && catalogIdOfAnswer(served, entry.answeredModel)) || model,
            usage: entry.usage,
            at,
          }),
          at,
        },
      ],
      { timeZone: spend.timeZone, before: call.before(entry.text), after: budget.releaseStatements() },
    );
  let result: Awaited<ReturnType<typeof generateText>>;
  try {
    result = await generateText({
      model: languageModel(connection, served.get(model) ?? model),
      system,
      prompt,
      maxOutputTokens,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(call.timeoutMs),
      providerOptions: platform.providerOptions({
        thinking: platform.models[model]?.features.thinking === "switch" ? false : undefined,
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
      usage: timedOut ? estimatedUsage(`${system}\n${prompt}`, maxOutputTokens) : estimatedUsage("", 0),
      answeredModel: null,
      text: "",
    });
    throw error;
  }
  const reported = reportedUsage(result.usage);
  if (!reported) await loadTokenizer().catch(() => {});
  // A platform that reported nothing: counted with the tokenizer, marked as estimated.
  await record({
    usage: reported ?? estimatedUsage(`${system}\n${prompt}`, countTokens(result.text)),
    answeredModel: result.response.modelId || null,
    text: result.text,
  });
  return result.text;
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
