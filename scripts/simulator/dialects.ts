import { randomUUID } from "node:crypto";
import type { SimError } from "./scenario";

// How each OpenAI-compatible GLM platform differs on the wire (see the seeds and
// ../shared/design/wire-formats.md): where it listens, how a request switches thinking, the
// shape of the first delta, where usage arrives, how JSON is printed, and its error bodies.

export interface Dialect {
  id: "dashscope" | "bigmodel" | "acedata" | "vllm";
  path: string;
  /** Whether the request asked for thinking; undefined means "not said" (model default). */
  thinking(body: Record<string, unknown>): boolean | undefined;
  /** Thinking when the request does not say. */
  thinksByDefault: boolean;
  /** What max_tokens counts: everything generated, or the answer only (thinking apart). */
  maxTokensCovers: "all" | "answer";
  /** The thinking budget the request sets, where the platform takes one. */
  thinkingBudget(body: Record<string, unknown>): number | undefined;
  /** Whether tool-call arguments are streamed in fragments (`tool_stream`) or in one piece. */
  toolStream(body: Record<string, unknown>): boolean;
  /** Extra fields on the first delta. */
  firstDelta(thinking: boolean): Record<string, unknown>;
  /** Usage in the finish_reason chunk (BigModel) instead of a chunk of its own with no choices. */
  usageInFinishChunk: boolean;
  /** Always send the usage chunk, as AceData's sample does without stream_options. */
  alwaysUsage: boolean;
  /** Python's json.dumps separators (", " and ": "), as AceData's sample prints. */
  pythonJson: boolean;
  /** A response id in the platform's style. */
  responseId(): string;
  /** The top-level object of a chunk or completion, fields in the platform's order. */
  envelope(f: Envelope): Record<string, unknown>;
  error(error: SimError): { body: unknown; headers?: Record<string, string> };
}

export interface Envelope {
  id: string;
  object: "chat.completion" | "chat.completion.chunk";
  created: number;
  model: string;
  choices: unknown[];
  /** Absent: the field is left out (BigModel's chunks before the last). */
  usage?: unknown;
}

const hex = () => randomUUID().replaceAll("-", "");
const withUsage = (f: Envelope) => (f.usage === undefined ? {} : { usage: f.usage });

const retryAfter = (e: SimError) =>
  e.retryAfterSeconds === undefined ? undefined : { "retry-after": String(e.retryAfterSeconds) };

export const DIALECTS: Record<Dialect["id"], Dialect> = {
  dashscope: {
    id: "dashscope",
    path: "/compatible-mode/v1/chat/completions",
    thinking: (b) => (typeof b.enable_thinking === "boolean" ? b.enable_thinking : undefined),
    thinksByDefault: true,
    // Seed 001: the chain of thought and the response have limits of their own.
    maxTokensCovers: "answer",
    thinkingBudget: (b) => (typeof b.thinking_budget === "number" ? b.thinking_budget : undefined),
    toolStream: (b) => b.tool_stream === true,
    firstDelta: (thinking) =>
      thinking ? { content: null, role: "assistant", reasoning_content: "" } : { content: "", role: "assistant" },
    usageInFinishChunk: false,
    alwaysUsage: false,
    pythonJson: false,
    responseId: () => `chatcmpl-${randomUUID()}`,
    envelope: (f) => ({
      choices: f.choices,
      object: f.object,
      usage: f.usage ?? null,
      created: f.created,
      system_fingerprint: null,
      model: f.model,
      id: f.id,
    }),
    error: (e) => {
      const table = {
        400: [
          "invalid_parameter_error",
          "invalid_request_error",
          "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 202752]",
        ],
        401: ["invalid_api_key", "invalid_request_error", "Incorrect API key provided. "],
        429: ["limit_requests", "limit_requests", "Requests rate limit exceeded, please try again later."],
        500: [
          "internal_error",
          "internal_error",
          "An internal error has occured, please try again later or contact service support.",
        ],
        503: [
          "ServiceUnavailable",
          "service_unavailable",
          "The service is temporarily unavailable, please try again later.",
        ],
      } as const;
      const [code, type, text] = table[e.status];
      // The refusal of a prompt over the window names the model's own (seed 000's error table).
      const message = e.tooLong
        ? `<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, ${e.tooLong.window}]`
        : text;
      return {
        body: { error: { code, message, param: null, type }, request_id: randomUUID() },
        headers: retryAfter(e),
      };
    },
  },
  bigmodel: {
    id: "bigmodel",
    path: "/api/paas/v4/chat/completions",
    thinking: (b) => {
      const type = (b.thinking as { type?: unknown } | undefined)?.type;
      return type === "enabled" ? true : type === "disabled" ? false : undefined;
    },
    thinksByDefault: true,
    maxTokensCovers: "all",
    thinkingBudget: () => undefined,
    toolStream: (b) => b.tool_stream === true,
    firstDelta: () => ({ role: "assistant" }),
    usageInFinishChunk: true,
    alwaysUsage: true,
    pythonJson: false,
    responseId: () => `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}${hex().slice(0, 18)}`,
    envelope: (f) => ({ id: f.id, created: f.created, model: f.model, choices: f.choices, ...withUsage(f) }),
    error: (e) => {
      const table = {
        400: ["1261", "Prompt 超长"],
        401: ["1000", "身份验证失败。"],
        429: ["1302", "您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"],
        500: ["1234", `网络错误，错误id：${randomUUID().slice(0, 8)}，请联系客服`],
        503: ["1305", "当前API请求过多，请稍后重试。"],
      } as const;
      const [code, message] = table[e.status];
      return { body: { error: { code, message } }, headers: retryAfter(e) };
    },
  },
  acedata: {
    id: "acedata",
    path: "/glm/chat/completions",
    // AceData documents no thinking switch; its sample answers without reasoning_content.
    thinking: () => false,
    thinksByDefault: false,
    maxTokensCovers: "answer",
    thinkingBudget: () => undefined,
    // Not documented as streaming tool arguments.
    toolStream: () => false,
    firstDelta: () => ({ content: "", role: "assistant" }),
    usageInFinishChunk: false,
    alwaysUsage: true,
    pythonJson: true,
    responseId: () => `msg_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}${hex().slice(0, 18)}`,
    envelope: (f) =>
      f.object === "chat.completion"
        ? { id: f.id, model: f.model, object: f.object, created: f.created, choices: f.choices, usage: f.usage }
        : {
            id: f.id,
            object: f.object,
            created: f.created,
            model: f.model,
            choices: f.choices,
            usage: f.usage ?? null,
          },
    error: (e) => {
      const table = {
        400: ["token_mismatched", "Missing or invalid request parameters."],
        401: ["invalid_token", "Bearer token is missing or invalid."],
        429: ["too_many_requests", "Too many requests, please try again later."],
        500: ["api_error", "Service is temporarily unavailable, please retry later."],
        503: ["api_error", "Service is temporarily unavailable, please retry later."],
      } as const;
      const [code, message] = table[e.status];
      return { body: { trace_id: randomUUID(), error: { code, message } }, headers: retryAfter(e) };
    },
  },
  vllm: {
    id: "vllm",
    path: "/v1/chat/completions",
    thinking: (b) => {
      const kwargs = b.chat_template_kwargs as { enable_thinking?: unknown } | undefined;
      return typeof kwargs?.enable_thinking === "boolean" ? kwargs.enable_thinking : undefined;
    },
    thinksByDefault: true,
    // One generated sequence, thinking and answer: max_tokens counts all of it.
    maxTokensCovers: "all",
    thinkingBudget: () => undefined,
    // vLLM and SGLang stream tool arguments as the tool parser recognises them.
    toolStream: () => true,
    firstDelta: () => ({ role: "assistant", content: "" }),
    usageInFinishChunk: false,
    alwaysUsage: false,
    pythonJson: false,
    responseId: () => `chatcmpl-${hex()}`,
    envelope: (f) => ({
      id: f.id,
      object: f.object,
      created: f.created,
      model: f.model,
      choices: f.choices,
      ...withUsage(f),
    }),
    error: (e) => ({
      body: {
        object: "error",
        // vLLM's refusal of a prompt over --max-model-len.
        message: e.tooLong
          ? `This model's maximum context length is ${e.tooLong.window} tokens. However, your request has ${e.tooLong.tokens} input tokens. Please reduce the length of the input messages.`
          : `simulated error ${e.status}`,
        type: "BadRequestError",
        param: null,
        code: e.status,
      },
      headers: retryAfter(e),
    }),
  },
};

/** JSON as the platform prints it. */
export function stringify(dialect: Dialect, value: unknown): string {
  const json = JSON.stringify(value);
  return dialect.pythonJson ? pythonSeparators(json) : json;
}

/** Re-print compact JSON with Python's default separators, leaving string contents alone. */
function pythonSeparators(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    out += c;
    if (inString) {
      if (c === "\\") {
        out += json[++i];
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === "," || c === ":") {
      out += " ";
    }
  }
  return out;
}
