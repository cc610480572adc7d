import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Plan, planResponse, type SimError, type SimMessage } from "./scenario";

// DashScope's OpenAI-compatible mode (`/compatible-mode/v1/chat/completions`), byte for byte as
// its documentation and recorded traffic show: `reasoning_content` deltas before `content`
// deltas, a `finish_reason` chunk with `usage: null`, then a chunk with `choices: []` and the
// usage, then `data: [DONE]`.

export interface CompatibleBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
  enable_thinking?: unknown;
}

export function thinkingRequested(body: CompatibleBody, modelDefault = true): boolean {
  return typeof body.enable_thinking === "boolean" ? body.enable_thinking : modelDefault;
}

const ERRORS: Record<SimError["status"], { code: string; type: string; message: string }> = {
  400: {
    code: "invalid_parameter_error",
    type: "invalid_request_error",
    message: "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 202752]",
  },
  401: {
    code: "invalid_api_key",
    type: "invalid_request_error",
    message: "Incorrect API key provided. ",
  },
  429: {
    code: "limit_requests",
    type: "limit_requests",
    message: "Requests rate limit exceeded, please try again later.",
  },
  500: {
    code: "internal_error",
    type: "internal_error",
    message: "An internal error has occured, please try again later or contact service support.",
  },
  503: {
    code: "ServiceUnavailable",
    type: "service_unavailable",
    message: "The service is temporarily unavailable, please try again later.",
  },
};

export function sendCompatibleError(res: ServerResponse, error: SimError): void {
  const e = ERRORS[error.status];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  res.writeHead(error.status, headers);
  res.end(
    JSON.stringify({
      error: { code: e.code, message: e.message, param: null, type: e.type },
      request_id: randomUUID(),
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function handleCompatibleChat(
  req: IncomingMessage,
  res: ServerResponse,
  body: CompatibleBody,
): Promise<void> {
  if (typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
    sendCompatibleError(res, { status: 400 });
    return;
  }
  const model = body.model;
  const messages = body.messages as SimMessage[];
  const plan = planResponse({ model, messages, thinking: thinkingRequested(body) });
  if (plan.error) {
    await sleep(plan.firstDelayMs);
    sendCompatibleError(res, plan.error);
    return;
  }
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  if (body.stream === true) {
    const includeUsage = body.stream_options?.include_usage === true;
    await streamPlan(req, res, plan, { id, created, model, includeUsage });
  } else {
    await sleep(plan.firstDelayMs);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        choices: [
          {
            message: {
              content: plan.content.join(""),
              ...(plan.reasoning.length ? { reasoning_content: plan.reasoning.join("") } : {}),
              role: "assistant",
            },
            finish_reason: "stop",
            index: 0,
            logprobs: null,
          },
        ],
        object: "chat.completion",
        usage: usageOf(plan),
        created,
        system_fingerprint: null,
        model,
        id,
      }),
    );
  }
}

function usageOf(plan: Plan) {
  const { promptTokens, completionTokens, reasoningTokens } = plan.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(reasoningTokens ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

async function streamPlan(
  req: IncomingMessage,
  res: ServerResponse,
  plan: Plan,
  meta: { id: string; created: number; model: string; includeUsage: boolean },
): Promise<void> {
  let closed = false;
  req.on("close", () => {
    closed = true;
  });
  res.on("close", () => {
    closed = true;
  });
  res.writeHead(200, {
    "content-type": "text/event-stream;charset=UTF-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const envelope = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({
      choices,
      object: "chat.completion.chunk",
      usage,
      created: meta.created,
      system_fingerprint: null,
      model: meta.model,
      id: meta.id,
    })}\n\n`;
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({
    delta,
    finish_reason: finish,
    index: 0,
    logprobs: null,
  });

  await sleep(plan.firstDelayMs);
  if (closed) return;
  const thinking = plan.reasoning.length > 0;
  res.write(
    envelope([
      choice({ content: thinking ? null : "", role: "assistant", ...(thinking ? { reasoning_content: "" } : {}) }),
    ]),
  );
  const deltas = [
    ...plan.reasoning.map((text) => ({ content: null, reasoning_content: text })),
    ...plan.content.map((text) => (thinking ? { content: text, reasoning_content: null } : { content: text })),
  ];
  let sent = 0;
  for (const delta of deltas) {
    if (closed) return;
    if (plan.dropAfter !== undefined && sent >= plan.dropAfter) {
      res.socket?.destroy();
      return;
    }
    res.write(envelope([choice(delta)]));
    sent++;
    await sleep(plan.delayMs);
  }
  if (closed) return;
  res.write(envelope([choice({ content: "", ...(thinking ? { reasoning_content: null } : {}) }, "stop")]));
  if (meta.includeUsage) res.write(envelope([], usageOf(plan)));
  res.write("data: [DONE]\n\n");
  res.end();
}
