import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, vi } from "vitest";
import type { ModelId } from "../lib/shared/catalog/models";
import type { ChatParameters } from "../lib/shared/catalog/parameters";
import { startSimulator } from "./simulator";
import { createTestDatabase } from "./test-db";

// Shared by the tests of whole chat turns (turn*.test.ts): a real SQLite file, the simulator,
// two users, and helpers to run a turn and read what was streamed and saved.

export interface TurnHarness {
  sim: Awaited<ReturnType<typeof startSimulator>>;
  mod: {
    runChatTurn: typeof import("../lib/chat/turn").runChatTurn;
    db: typeof import("../lib/db/client").db;
    createUser: typeof import("./users").createUser;
    getConversation: typeof import("../lib/chat/queries/conversations").getConversation;
  };
  alice: string;
  bob: string;
}

let sim: TurnHarness["sim"];
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let mod: TurnHarness["mod"];
let alice: string;
let bob: string;

/**
 * Registers the suite's set-up (the simulator, a migrated SQLite file, two users) and returns
 * them once it has run: call it at the top of a test file.
 */
export function setUpTurnHarness(): TurnHarness {
  const harness = {} as TurnHarness;
  beforeAll(async () => {
    await setUp();
    Object.assign(harness, { sim, mod, alice, bob });
  });
  afterAll(tearDown);
  return harness;
}

async function setUp() {
  ({ sim, dbHandle } = await startSimulatorAndDatabase());
  mod = {
    runChatTurn: (await import("../lib/chat/turn")).runChatTurn,
    db: (await import("../lib/db/client")).db,
    createUser: (await import("./users")).createUser,
    getConversation: (await import("../lib/chat/queries/conversations")).getConversation,
  };
  alice = (await mod.createUser({ email: "alice@example.test", name: "Alice", passwordHash: "x" })).id;
  bob = (await mod.createUser({ email: "bob@example.test", name: null, passwordHash: "x" })).id;
  // A suite runs far more turns a minute, and at once, than a person: the default request rate
  // is switched off and the answers a user may have being written raised, as an admin can
  // (tests of those limits set their own).
  await (await import("../lib/spend/admin")).saveSpendSettings({ requestsPerMinute: null, runningPerUser: 1_000 });
}

/**
 * The simulator and a migrated SQLite file, with the environment pointing the app at both (the
 * simulator as DashScope's compatible mode). Also for tests of whole routes.
 */
export async function startSimulatorAndDatabase() {
  const sim = await startSimulator();
  const dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("GLM_BASE_URL", sim.baseURL);
  vi.stubEnv("GLM_API_KEY", sim.apiKey);
  vi.stubEnv("GLM_PLATFORM", "");
  return { sim, dbHandle };
}

async function tearDown() {
  sessions.clear();
  await mod?.db.$disconnect();
  await sim?.close();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
}

/** The body of the last request the simulated platform received. */
export function lastSent(): { messages: { role: string; content?: string }[] } {
  const body = sim.requests.at(-1)?.body;
  if (!body) throw new Error("the simulator received nothing");
  return body as { messages: { role: string; content?: string }[] };
}

const sessions = new Map<string, string>();

/** A session signed in for the user (lib/auth/sessions), the same one for all their turns. */
export async function sessionFor(userId: string): Promise<string> {
  let id = sessions.get(userId);
  if (!id) {
    id = await (await import("../lib/auth/sessions")).startSession(userId);
    sessions.set(userId, id);
  }
  return id;
}

/** A turn that continues the conversation where it is shown (its head), unless told otherwise. */
export async function turn(
  userId: string,
  text: string,
  opts: {
    id?: string;
    model?: ModelId;
    parentId?: string | null;
    regenerate?: boolean;
    thinking?: boolean;
    webSearch?: boolean;
    tools?: boolean;
    systemPrompt?: string;
    nameNewConversations?: boolean;
    parameters?: ChatParameters;
    candidates?: number;
    codeInterpreter?: boolean;
    /** The conversation's summary switch (lib/chat/context/summary.ts); absent: on. */
    summarize?: boolean;
    signal?: AbortSignal;
    stallTimeoutMs?: number;
    /** The connection to ask (the simulator as DashScope by default). */
    connection?: string;
    /** When the session began (ms); now by default. */
    signedInAt?: number;
    /** The session's id; by default one signed in for the user (sessionFor). */
    sessionId?: string;
  } = {},
) {
  const id = opts.id ?? randomUUID();
  const head =
    opts.parentId !== undefined
      ? opts.parentId
      : ((await mod.db.conversation.findUnique({ where: { id } }))?.headId ?? null);
  return mod.runChatTurn({
    stallTimeoutMs: opts.stallTimeoutMs,
    nameNewConversations: opts.nameNewConversations ?? false,
    userId,
    signedInAt: opts.signedInAt ?? Date.now(),
    sessionId: opts.sessionId ?? (await sessionFor(userId)),
    request: {
      id,
      // A regenerate names the message to answer again; a test asking for a bad one gets its refusal.
      ...(opts.regenerate
        ? { trigger: "regenerate-message" as const, parentId: head as string }
        : {
            trigger: "submit-message" as const,
            parentId: head,
            message: { id: randomUUID(), role: "user" as const, parts: [{ type: "text" as const, text }] },
          }),
      connection: opts.connection ?? "env:default",
      model: opts.model ?? "glm-5.1",
      thinking: opts.thinking ?? true,
      webSearch: opts.webSearch ?? false,
      tools: opts.tools ?? true,
      systemPrompt: opts.systemPrompt ?? "",
      parameters: opts.parameters ?? {},
      candidates: opts.candidates ?? 1,
      codeInterpreter: opts.codeInterpreter ?? false,
      ...(opts.summarize !== undefined ? { summarize: opts.summarize } : {}),
    },
    stopSignal: opts.signal,
  });
}

/** The UI message stream's JSON chunks. */
export type UiChunk = { type: string; messageMetadata?: Record<string, unknown>; errorText?: string };
export function uiChunks(sse: string): UiChunk[] {
  return sse
    .split("\n\n")
    .filter((e) => e.startsWith("data: ") && e !== "data: [DONE]")
    .map((e) => JSON.parse(e.slice(6)));
}

export function answerText(parts: unknown): string {
  return ((parts ?? []) as { type: string; text: string }[]).find((p) => p.type === "text")?.text ?? "";
}

export async function assistantOf(userId: string, conversationId: string) {
  const c = await mod.getConversation(userId, conversationId);
  return c?.messages.find((m) => m.role === "assistant");
}
