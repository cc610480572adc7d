// npx tsx --conditions=react-server scripts/bench/turn-context.ts: what loading a turn's history
// costs on a long conversation (it never fails on timing). Seeds, through the app's own queries,
// a conversation of BENCH_MESSAGES messages (default 2,000: a question and an answer of ~370
// bytes each, as the 738 KB conversation of issue #18), and another as long whose every question
// was answered twice (a third of its messages are off the branch); then times getTurnContext
// (the read before a turn is planned) for a new message at the end of each, and fitting what was
// read to glm-5.1's window (lib/chat/context/fit: the estimates stored with the messages, the
// choice, then the messages sent parsed).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../../test/test-db";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const RUNS = 20;
const TEXT =
  "The tide rises twice a day because the moon pulls the sea toward it, and the earth turns beneath that bulge of water; the sun adds a smaller pull of its own, so tides run highest at new and full moon. ";

async function main() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const { createUser } = await import("../../test/users");
  const { saveAnswers, saveUserTurn, getTurnContext, historyMessage } = await import("../../lib/chat/queries/turn");
  const { fitContext, fixedTokens, measure } = await import("../../lib/chat/context/fit");
  const user = await createUser({ email: "bench@example.test", name: null, passwordHash: "x" });
  const session = { userId: user.id, signedInAt: 0, sessionId: null };

  /** A conversation of `turns` questions, each answered `answers` times; returns its head. */
  async function seed(turns: number, answers: number) {
    const conversationId = randomUUID();
    let parentId: string | null = null;
    let at = Date.now() - 10_000_000;
    for (let i = 0; i < turns; i++) {
      const id = randomUUID();
      await saveUserTurn({
        userId: user.id,
        conversationId,
        isNew: i === 0,
        title: "Tides",
        model: "glm-5.1",
        platform: "dashscope",
        connectionId: "env:dashscope",
        settings: {},
        message: {
          id,
          parentId,
          parts: [{ type: "text", text: `${i}: ${TEXT.slice(0, 160)}` }],
          createdAt: new Date(at++),
        },
        at: new Date(at),
      });
      let last = id;
      for (let k = 0; k < answers; k++) {
        last = randomUUID();
        await saveAnswers({
          answer: {
            id: last,
            parentId: id,
            conversationId,
            userId: user.id,
            parts: [{ type: "step-start" }, { type: "text", text: TEXT, state: "done" }],
            status: "done",
            model: "glm-5.1",
            finishReason: "stop",
            error: null,
            createdAt: new Date(at++),
          },
          ledger: [],
        });
      }
      parentId = last;
    }
    return { conversationId, head: parentId as string };
  }

  async function time(label: string, conversation: { conversationId: string; head: string }) {
    const request = { anchor: conversation.head, newMessageId: randomUUID() };
    const read = () => getTurnContext(session, conversation.conversationId, request);
    for (let i = 0; i < 3; i++) await read();
    const took: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const context = await read();
      took.push(performance.now() - started);
      const loaded = context.conversation as unknown as { messages?: unknown[]; branch?: unknown[] };
      rows = (loaded.branch ?? loaded.messages ?? []).length;
    }
    took.sort((a, b) => a - b);
    const context = await read();
    const branchRows = context.conversation?.branch ?? [];
    const fitted: number[] = [];
    let sent = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      // As a turn does: the estimates stored with the messages (else measured), the choice, then
      // only the messages sent parsed.
      const branch = branchRows.map(historyMessage);
      const measured = branchRows.map((m, k) =>
        m.estimate
          ? { role: branch[k].role, full: m.estimate.tokens, lean: m.estimate.leanTokens }
          : measure([branch[k]])[0],
      );
      const fit = fitContext({
        messages: branch,
        measured,
        window: 200_000,
        output: 32_768,
        fixed: fixedTokens("", 3_000),
      });
      sent = fit.messages.reduce((n, m) => n + (m.parts.length > 0 ? 1 : 0), 0);
      fitted.push(performance.now() - started);
    }
    fitted.sort((a, b) => a - b);
    console.log(
      `${label}: ${rows} rows read, median ${took[RUNS / 2].toFixed(1)} ms, best ${took[0].toFixed(1)} ms (${RUNS} runs)`,
    );
    console.log(
      `  fitting ${branchRows.length} messages to 200K and parsing the ${sent} sent: median ${fitted[RUNS / 2].toFixed(2)} ms`,
    );
  }

  await time(`linear, ${MESSAGES} messages`, await seed(MESSAGES / 2, 1));
  await time(`answered twice, ${MESSAGES} messages`, await seed(Math.round(MESSAGES / 3), 2));
  database.cleanup();
}

void main();
