import { randomUUID } from "node:crypto";

// A long conversation as the app itself stores it, written through its own queries: each turn's
// question by saveUserTurn, each answer by saveAnswers with its ledger row (lib/spend/queries/
// ledger), its parts as the turn recorder keeps them (partsToStore: step start, thinking, then a
// Markdown answer with a list, a code block, a formula and a table). For benchmarks of how a long
// conversation opens and continues (scripts/bench). Those modules are server-only: run under
// `tsx --conditions=react-server`, with DATABASE_URL pointing at the database before this is
// called (lib/db/client reads it when first imported). test/seed-conversation.ts is its command.

/** What the last answer of a conversation of `turns` turns ends with (a page can wait for it). */
export const lastAnswerMarker = (turns: number) => `That is answer ${turns}.`;

export function questionOf(turn: number): string {
  return `Question ${turn}: what is the sum of the first ${turn} squares, and how would I check it in code?`;
}

export function thinkingOf(turn: number): string {
  return `The user asks for the sum of the first ${turn} squares. There is a closed form, n(n+1)(2n+1)/6; I will state it, show a short function, and tabulate two values so the answer can be checked.`;
}

export function answerOf(turn: number): string {
  const sum = (n: number) => (n * (n + 1) * (2 * n + 1)) / 6;
  return [
    `The sum of the first **${turn}** squares has a closed form:`,
    "",
    "- write the terms down, $1^2 + 2^2 + \\dots + n^2$;",
    "- pair them with the triangular numbers;",
    "- check a small case by hand.",
    "",
    "```ts",
    "function sumOfSquares(n: number): number {",
    "  return (n * (n + 1) * (2 * n + 1)) / 6;",
    "}",
    "```",
    "",
    "$$\\sum_{k=1}^{n} k^2 = \\frac{n(n+1)(2n+1)}{6}$$",
    "",
    "| n | sum of squares |",
    "| --- | --- |",
    `| ${turn} | ${sum(turn)} |`,
    `| ${turn + 1} | ${sum(turn + 1)} |`,
    "",
    lastAnswerMarker(turn),
  ].join("\n");
}

export interface SeededConversation {
  conversationId: string;
  /** Its last message (the conversation's head): a new message follows it. */
  headId: string;
  messages: number;
}

/**
 * A new conversation of `turns` questions, each answered once (2 × turns messages), owned by
 * `userId`, the answers given by `model` on `platform` through connection `connectionId`, as a
 * turn with thinking on writes them. Its messages are a minute apart, ending now.
 */
export async function seedConversation(options: {
  userId: string;
  turns: number;
  model?: string;
  platform?: string;
  connectionId?: string;
  title?: string;
}): Promise<SeededConversation> {
  const { saveAnswers, saveUserTurn } = await import("../lib/chat/queries/turn");
  const { ledgerStatements } = await import("../lib/spend/queries/ledger");
  const { partsToStore } = await import("../lib/shared/chat/stored-message");
  const { conversationSettingsSchema } = await import("../lib/chat/conversation-settings");
  const { userId, turns } = options;
  const model = options.model ?? "glm-5.1";
  const platform = options.platform ?? "dashscope";
  const connectionId = options.connectionId ?? "env:default";
  const settings = conversationSettingsSchema.parse({ thinking: true });
  const conversationId = randomUUID();
  let parentId: string | null = null;
  let at = Date.now() - turns * 60_000;
  for (let turn = 1; turn <= turns; turn++) {
    const questionId = randomUUID();
    const asked = new Date(at);
    await saveUserTurn({
      userId,
      conversationId,
      isNew: turn === 1,
      title: options.title ?? `Sums of squares (${turns} turns)`,
      model,
      platform,
      connectionId,
      settings,
      message: { id: questionId, parentId, parts: [{ type: "text", text: questionOf(turn) }], createdAt: asked },
      at: asked,
    });
    const answerId = randomUUID();
    const thinking = thinkingOf(turn);
    const answer = answerOf(turn);
    const outputTokens = Math.round(answer.length / 4);
    const reasoningTokens = Math.round(thinking.length / 4);
    const inputTokens = Math.min(150_000, turn * 2 * 200);
    await saveAnswers({
      answer: {
        id: answerId,
        parentId: questionId,
        conversationId,
        userId,
        parts: partsToStore([
          { type: "step-start" },
          { type: "reasoning", text: thinking, state: "streaming" },
          { type: "text", text: answer, state: "streaming" },
        ]),
        status: "done",
        model,
        finishReason: "stop",
        error: null,
        createdAt: new Date(at + 1),
      },
      ledger: ledgerStatements(
        [
          {
            userId,
            conversationId,
            messageId: answerId,
            purpose: "answer",
            platform,
            requestedModel: model,
            answeredModel: model,
            usage: {
              inputTokens,
              outputTokens: outputTokens + reasoningTokens,
              reasoningTokens,
              cachedInputTokens: 0,
              totalTokens: inputTokens + outputTokens + reasoningTokens,
              estimated: false,
            },
            timings: { ttftMs: 420, reasoningMs: 1_800, durationMs: 4_200 },
            cost: { costMicros: null, currency: null, costSource: null, priceId: null, multiplier: 1 },
            at: asked,
          },
        ],
        { timeZone: "UTC" },
      ),
    });
    parentId = answerId;
    at += 60_000;
  }
  if (parentId === null) throw new Error("seedConversation: no turns");
  return { conversationId, headId: parentId, messages: turns * 2 };
}
