import { randomUUID } from "node:crypto";
import { countTokens, tokenize } from "./tokens";

// What the simulated model will answer, decided from the request alone. A scenario is chosen by a
// marker such as `[[sim:slow]]` in the last user message, exactly as a test would steer a real
// model with its prompt: the app under test just passes the text through.

export type ChatRole = "system" | "user" | "assistant" | "tool";

export interface SimMessage {
  role: ChatRole;
  content?: string | null | Array<{ type: string; text?: string }>;
  reasoning_content?: string | null;
}

/** A function tool the request offers, whatever the protocol's envelope. */
export interface SimTool {
  name: string;
  parameters?: { properties?: Record<string, { type?: string }>; required?: string[] };
}

export interface SimRequest {
  model: string;
  messages: SimMessage[];
  thinking: boolean;
  tools?: SimTool[];
  /** Stop sequences: the answer ends before the first one, as a platform's does. */
  stop?: string[];
  /** Answers asked for at once (`n`, `numberResults`). */
  candidates?: number;
  /**
   * The output limit as the platform reads it (per answer): max_tokens over everything generated
   * ("all", BigModel and vLLM) or over the answer only ("answer", DashScope, whose thinking has its
   * own budget). The answer is cut there, with finish reason "length", as a platform cuts it.
   */
  maxTokens?: { tokens: number; covers: "all" | "answer" };
  /** The most the model may think (DashScope's thinking_budget): thinking ends there and the answer follows. */
  thinkingBudget?: number;
}

/** The call the model makes instead of answering, its arguments as streamed fragments. */
export interface SimToolCall {
  id: string;
  name: string;
  arguments: string;
  fragments: string[];
}

export type SimError = {
  status: 400 | 401 | 429 | 500 | 503;
  retryAfterSeconds?: number;
  /** The prompt is longer than the model's context window: the platform's own refusal (400). */
  tooLong?: { tokens: number; window: number };
};

/**
 * The context window the simulator holds a model to, by its name on any platform (glm-5.1,
 * zai:glm@5.1, zai-org/GLM-4.5-Air): the catalog's figures (lib/shared/catalog/models.ts).
 */
export function contextWindowOf(model: string): number {
  const name = model.toLowerCase();
  if (/5[.@-]1\b/.test(name)) return 200_000;
  if (/glm[-@]?5\b/.test(name)) return 202_752;
  if (/4[.@-][67]\b/.test(name)) return 169_984;
  return 128_000;
}

export interface Plan {
  /** Reasoning deltas, streamed before the answer when thinking is on. */
  reasoning: string[];
  /** Answer deltas. */
  content: string[];
  /** A tool call after the reasoning, instead of an answer (`[[sim:tool:NAME]]`). */
  toolCall?: SimToolCall;
  /** Delay before the first delta, and between deltas, in ms. */
  firstDelayMs: number;
  delayMs: number;
  /** When set, the request fails with this HTTP error before any chunk. */
  error?: SimError;
  /** When set, the connection is dropped after this many deltas (no usage, no [DONE]). */
  dropAfter?: number;
  /** When set, the stream goes silent after this many deltas, the connection left open. */
  stallAfter?: number;
  /** When set, this delta (by index) is replaced by a line that is not JSON. */
  malformedAt?: number;
  /** Every answer is sent, then silence before the finish and usage, the connection left open. */
  holdUsage?: boolean;
  usage: { promptTokens: number; completionTokens: number; reasoningTokens: number };
  /** Why the first answer ended: "stop", "tool_calls", or "length" when cut at max_tokens. */
  finishReason: "stop" | "tool_calls" | "length";
  /** The answers after the first when several were asked for: each a little different. */
  others: { reasoning: string[]; content: string[]; finishReason: "stop" | "length" }[];
}

const MARKER = /\[\[sim:([a-z0-9-]+)(?::([a-z0-9._-]+))?\]\]/gi;

export function textOf(content: SimMessage["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("");
}

export function markers(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const m of text.matchAll(MARKER)) found.set(m[1].toLowerCase(), m[2]);
  return found;
}

export function promptTokens(messages: SimMessage[]): number {
  // A fixed per-message overhead, as chat templates add role tokens.
  return messages.reduce((n, m) => n + 4 + countTokens(textOf(m.content)), 0);
}

/** Requests seen per prompt, for scenarios that fail the first N attempts. */
const attempts = new Map<string, number>();

export function planResponse(req: SimRequest): Plan {
  const lastUser = [...req.messages].reverse().find((m) => m.role === "user");
  const prompt = textOf(lastUser?.content).replace(MARKER, "").trim();
  const flags = markers(textOf(lastUser?.content));

  const topic = prompt.length > 60 ? `${prompt.slice(0, 60)}…` : prompt || "your message";
  let reasoning = req.thinking
    ? tokenize(
        `The user wrote "${topic}". I should answer briefly and clearly, in Markdown, and mention which model is replying.`,
      )
    : [];
  let content = tokenize(
    `Here is my answer about "${topic}".\n\n- It comes from **${req.model}**.\n- It has ${req.messages.length} message(s) of context.\n\nDone.`,
  );

  // Asked only for a title (as a model follows such an instruction): the first words of the
  // user's message in the conversation to be named.
  const system = req.messages
    .filter((m) => m.role === "system")
    .map((m) => textOf(m.content))
    .join("\n");
  if (/reply with only a title/i.test(system)) {
    const quoted = /User:\s*([^\n]*)/.exec(prompt)?.[1] ?? prompt;
    const words = quoted.replace(MARKER, "").trim().split(/\s+/).slice(0, 5).join(" ");
    reasoning = [];
    content = tokenize(`**${words || "Untitled"}**`);
  }
  // Asked to summarize the earlier part of a conversation: the summary so far, if any, then the
  // first words of each new message ("Long question 2"), so that a test can tell what it covers.
  if (/summary of the earlier part of a conversation/i.test(system)) {
    const soFar = /Summary so far:\n([\s\S]*?)\n\nNew messages:/.exec(prompt)?.[1];
    const added = [...prompt.matchAll(/^(?:User|Assistant): (.*)$/gm)].map((m) =>
      m[1].split(/\s+/).slice(0, 3).join(" ").replace(/:$/, ""),
    );
    reasoning = [];
    content = tokenize(`${soFar ? `${soFar}; ` : "Summary: "}${added.join("; ")}`);
  }

  let firstDelayMs = 20;
  let delayMs = 10;

  if (flags.has("think-long") && req.thinking) {
    reasoning = Array.from({ length: 5 }, () => reasoning).flat();
    delayMs = 20;
  }
  if (flags.has("slow")) {
    content = Array.from({ length: 10 }, () => content).flat();
    delayMs = 60;
  }
  if (flags.has("echo")) {
    content = tokenize(prompt);
  }
  // [[sim:vary]]: each answer differs (as a sampled model's do), by a word; same token count.
  if (flags.has("vary")) {
    content = [...content, ...tokenize(` Variant ${randomUUID().slice(0, 6).replace(/^\d/, "v")}.`)];
  }
  // [[sim:long:N]] answers with N tokens, [[sim:think:N]] thinks N tokens first (when thinking
  // is on): more than a budget may allow, streamed without pauses.
  if (flags.has("long")) {
    content = Array.from({ length: Number(flags.get("long") ?? 2000) }, (_, i) => (i === 0 ? "Words" : " word"));
    delayMs = 0;
  }
  if (flags.has("think") && req.thinking) {
    reasoning = Array.from({ length: Number(flags.get("think") ?? 2000) }, (_, i) => (i === 0 ? "Hmm" : " hmm"));
    delayMs = 0;
  }
  if (flags.has("first-delay")) firstDelayMs = Number(flags.get("first-delay") ?? 1000);
  // [[sim:pace:MS]]: this long between deltas, whatever the answer (a long answer streamed at a
  // pace a test can act on mid-answer: reload, go offline, open a second tab).
  if (flags.has("pace")) delayMs = Number(flags.get("pace") ?? 50);

  // [[sim:tool:NAME]]: call that tool if the request offers it; once its result is back (the
  // last message is the tool's), answer from the result.
  let toolCall: SimToolCall | undefined;
  const wanted = flags.get("tool");
  const last = req.messages.at(-1);
  const offered = req.tools?.find((t) => t.name === wanted);
  if (wanted && last?.role === "tool") {
    const result = textOf(last.content);
    reasoning = req.thinking ? tokenize(`The ${wanted} tool answered, so I can reply now.`) : [];
    content = tokenize(
      `The ${wanted} tool returned: ${result.length > 160 ? `${result.slice(0, 160)}…` : result}\n\nDone.`,
    );
  } else if (offered) {
    const args = JSON.stringify(argumentsFor(offered, prompt));
    toolCall = {
      id: `call_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      name: offered.name,
      arguments: args,
      fragments: tokenize(args),
    };
    content = [];
  }

  // The answer is cut before the first stop sequence it would contain (not sent, as OpenAI does).
  const joined = content.join("");
  const cut = Math.min(...(req.stop ?? []).map((s) => joined.indexOf(s)).filter((i) => i >= 0), joined.length);
  if (cut < joined.length) content = tokenize(joined.slice(0, cut));

  const first = withinLimits(req, { reasoning, content, toolCall });
  const others = toolCall
    ? []
    : Array.from({ length: Math.max(0, Math.min(4, req.candidates ?? 1) - 1) }, (_, k) => {
        const other = withinLimits(req, { reasoning, content: [...content, ...tokenize(` Another take (${k + 2}).`)] });
        return {
          reasoning: other.reasoning,
          content: other.content,
          finishReason: other.finishReason as "stop" | "length",
        };
      });
  ({ reasoning, content, toolCall } = first);

  let error = parseError(flags);
  // A prompt over the model's window is refused before anything else, as the platforms do.
  const tokens = promptTokens(req.messages);
  const window = contextWindowOf(req.model);
  if (tokens > window) error = { status: 400, tooLong: { tokens, window } };
  // [[sim:fail-first:STATUS-N]]: the first N requests with this prompt fail, later ones succeed.
  const failFirst = /^(\d{3})-(\d+)$/.exec(flags.get("fail-first") ?? "");
  if (failFirst) {
    const key = `${req.model}|${prompt}`;
    const seen = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, seen);
    if (seen <= Number(failFirst[2])) error = statusError(Number(failFirst[1]));
  }
  // [[sim:down:MODEL]]: that model is unavailable (503), others answer.
  if (flags.get("down") === req.model) error = statusError(503);
  const dropAfter = flags.has("drop") ? Number(flags.get("drop") ?? 5) : undefined;
  const stallAfter = flags.has("stall") ? Number(flags.get("stall") ?? 5) : undefined;
  const malformedAt = flags.has("malformed") ? Number(flags.get("malformed") ?? 3) : undefined;

  return {
    reasoning,
    content,
    toolCall,
    firstDelayMs,
    delayMs,
    error,
    dropAfter,
    stallAfter,
    malformedAt,
    holdUsage: flags.has("hold-usage"),
    others,
    finishReason: first.finishReason,
    usage: {
      // One prompt for all the answers; the output of every answer.
      promptTokens: tokens,
      completionTokens:
        reasoning.length +
        content.length +
        (toolCall?.fragments.length ?? 0) +
        others.reduce((n, o) => n + o.reasoning.length + o.content.length, 0),
      reasoningTokens: reasoning.length + others.reduce((n, o) => n + o.reasoning.length, 0),
    },
  };
}

/**
 * One answer as the platform's limits leave it: thinking ends at its budget; max_tokens cuts what
 * it counts (thinking first, then the answer; a tool call that does not fit is not made).
 */
function withinLimits(
  req: SimRequest,
  answer: { reasoning: string[]; content: string[]; toolCall?: SimToolCall },
): { reasoning: string[]; content: string[]; toolCall?: SimToolCall; finishReason: Plan["finishReason"] } {
  let reasoning = req.thinkingBudget === undefined ? answer.reasoning : answer.reasoning.slice(0, req.thinkingBudget);
  let { content, toolCall } = answer;
  let length = false;
  if (req.maxTokens) {
    let left = req.maxTokens.tokens;
    if (req.maxTokens.covers === "all") {
      length = reasoning.length > left;
      reasoning = reasoning.slice(0, left);
      left -= reasoning.length;
    }
    if (content.length > left) {
      content = content.slice(0, left);
      length = true;
    }
    left -= content.length;
    if (toolCall && toolCall.fragments.length > left) {
      toolCall = undefined;
      length = true;
    }
  }
  return { reasoning, content, toolCall, finishReason: length ? "length" : toolCall ? "tool_calls" : "stop" };
}

/**
 * Arguments as a model would pick them from the prompt: each required string is the first quoted
 * text in the prompt (or the whole prompt), numbers 1, booleans true.
 */
function argumentsFor(tool: SimTool, prompt: string): Record<string, unknown> {
  const quoted = /["“`']([^"”`']+)["”`']/.exec(prompt)?.[1] ?? prompt;
  const properties = tool.parameters?.properties ?? {};
  return Object.fromEntries(
    (tool.parameters?.required ?? []).map((name) => {
      const type = properties[name]?.type;
      return [name, type === "number" || type === "integer" ? 1 : type === "boolean" ? true : quoted];
    }),
  );
}

function parseError(flags: Map<string, string | undefined>): SimError | undefined {
  if (!flags.has("error")) return undefined;
  return statusError(Number(flags.get("error") ?? 500));
}

function statusError(status: number): SimError {
  if (status === 400 || status === 401 || status === 429 || status === 500 || status === 503) {
    return { status, retryAfterSeconds: status === 429 ? 1 : undefined };
  }
  return { status: 500 };
}
