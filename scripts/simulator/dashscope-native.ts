import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Plan, planResponse, type SimError, type SimMessage } from "./scenario";
import { sleep, watchClose } from "./sse";

// DashScope's native protocol (`/api/v1/services/aigc/text-generation/generation`) as its
// documentation and recorded traffic show it. Each SSE event is four lines with no space after
// the colons: `id:N`, `event:result`, `:HTTP_STATUS/200`, `data:{...}`. There is no [DONE]: the
// stream ends after the first event whose finish_reason is not the string "null". Usage is
// cumulative in every event. Errors before streaming are a JSON body {code, message,
// request_id}; inside a stream, an `event:error` event carries the same body.

export interface NativeBody {
  model?: unknown;
  input?: { messages?: unknown } | null;
  parameters?: {
    enable_thinking?: unknown;
    incremental_output?: unknown;
    result_format?: unknown;
  } | null;
}

const ERRORS: Record<SimError["status"], { code: string; message: string }> = {
  400: { code: "InvalidParameter", message: "Range of input length should be [1, 202752]" },
  401: { code: "InvalidApiKey", message: "Invalid API-key provided." },
  429: { code: "Throttling.RateQuota", message: "Requests rate limit exceeded, please try again later." },
  500: {
    code: "InternalError",
    message: "An internal error has occured, please try again later or contact service support.",
  },
  503: { code: "ServiceUnavailable", message: "The service is temporarily unavailable, please try again later." },
};

export function sendNativeError(res: ServerResponse, error: SimError): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  res.writeHead(error.status, headers);
  res.end(JSON.stringify({ ...ERRORS[error.status], request_id: randomUUID() }));
}

export async function handleNativeGeneration(
  req: IncomingMessage,
  res: ServerResponse,
  body: NativeBody,
): Promise<void> {
  const messages = body.input?.messages;
  if (typeof body.model !== "string" || !Array.isArray(messages) || messages.length === 0) {
    sendNativeError(res, { status: 400 });
    return;
  }
  const params = body.parameters ?? {};
  const thinking = typeof params.enable_thinking === "boolean" ? params.enable_thinking : true;
  const plan = planResponse({ model: body.model, messages: messages as SimMessage[], thinking });
  if (plan.error) {
    await sleep(plan.firstDelayMs);
    sendNativeError(res, plan.error);
    return;
  }
  const requestId = randomUUID();
  if (req.headers["x-dashscope-sse"] === "enable") {
    await streamNative(req, res, plan, { requestId, incremental: params.incremental_output === true });
    return;
  }
  await sleep(plan.firstDelayMs);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      output: {
        choices: [
          {
            message: {
              role: "assistant",
              content: plan.content.join(""),
              ...(plan.reasoning.length ? { reasoning_content: plan.reasoning.join("") } : {}),
            },
            finish_reason: "stop",
          },
        ],
      },
      usage: usageAt(plan, plan.reasoning.length + plan.content.length),
      request_id: requestId,
    }),
  );
}

/** Cumulative usage after `sent` output tokens, as every native event carries it. */
function usageAt(plan: Plan, sent: number) {
  const reasoning = Math.min(sent, plan.reasoning.length);
  return {
    input_tokens: plan.usage.promptTokens,
    output_tokens: sent,
    total_tokens: plan.usage.promptTokens + sent,
    ...(plan.reasoning.length ? { output_tokens_details: { reasoning_tokens: reasoning } } : {}),
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

async function streamNative(
  req: IncomingMessage,
  res: ServerResponse,
  plan: Plan,
  meta: { requestId: string; incremental: boolean },
): Promise<void> {
  const closed = watchClose(req, res);
  res.writeHead(200, { "content-type": "text/event-stream;charset=UTF-8", "cache-control": "no-cache" });
  let id = 0;
  const event = (data: unknown, kind = "result", status = 200) =>
    `id:${++id}\nevent:${kind}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify(data)}\n\n`;

  await sleep(plan.firstDelayMs);
  const pieces = [
    ...plan.reasoning.map((text) => ({ reasoning: text, content: "" })),
    ...plan.content.map((text) => ({ reasoning: "", content: text })),
  ];
  let reasoningSoFar = "";
  let contentSoFar = "";
  for (let i = 0; i < pieces.length; i++) {
    if (closed()) return;
    if (plan.dropAfter !== undefined && i >= plan.dropAfter) {
      res.write(
        event(
          { code: "InternalError", message: "The stream was interrupted.", request_id: meta.requestId },
          "error",
          500,
        ),
      );
      res.end();
      return;
    }
    const piece = pieces[i];
    reasoningSoFar += piece.reasoning;
    contentSoFar += piece.content;
    const last = i === pieces.length - 1;
    const message = meta.incremental
      ? { role: "assistant", content: piece.content, reasoning_content: piece.reasoning }
      : { role: "assistant", content: contentSoFar, reasoning_content: reasoningSoFar };
    res.write(
      event({
        output: { choices: [{ message, finish_reason: last ? "stop" : "null" }] },
        usage: usageAt(plan, i + 1),
        request_id: meta.requestId,
      }),
    );
    if (!last) await sleep(plan.delayMs);
  }
  res.end();
}
