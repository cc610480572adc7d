import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { openAITools } from "./openai-compatible";
import { type Plan, planResponse, type SimError, type SimMessage } from "./scenario";
import { sleep, watchClose } from "./sse";

// DashScope's native protocol (`/api/v1/services/aigc/text-generation/generation`) as its
// documentation and recorded traffic show it. Each SSE event is four lines with no space after
// the colons: `id:N`, `event:result`, `:HTTP_STATUS/200`, `data:{...}`. There is no [DONE]: the
// stream ends after the first event whose finish_reason is not the string "null". Usage is
// cumulative in every event. Errors before streaming are a JSON body {code, message,
// request_id}; inside a stream, an `event:error` event carries the same body. Tool calls arrive in
// `message.tool_calls`: with `tool_stream` the first fragment has id, type and name and the
// continuations `"id":""` and an arguments piece; the last one comes with finish_reason
// "tool_calls". Without it, the whole call comes in that last event.

export interface NativeBody {
  model?: unknown;
  input?: { messages?: unknown } | null;
  parameters?: {
    enable_thinking?: unknown;
    incremental_output?: unknown;
    result_format?: unknown;
    tools?: unknown;
    tool_stream?: unknown;
    max_tokens?: unknown;
    thinking_budget?: unknown;
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
  const body = error.tooLong
    ? { code: "InvalidParameter", message: `Range of input length should be [1, ${error.tooLong.window}]` }
    : ERRORS[error.status];
  res.end(JSON.stringify({ ...body, request_id: randomUUID() }));
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
  const plan = planResponse({
    model: body.model,
    messages: messages as SimMessage[],
    thinking,
    tools: openAITools(params.tools),
    // max_tokens caps the response; thinking has its own budget (seed 001).
    maxTokens: typeof params.max_tokens === "number" ? { tokens: params.max_tokens, covers: "answer" } : undefined,
    thinkingBudget: typeof params.thinking_budget === "number" ? params.thinking_budget : undefined,
  });
  if (plan.error) {
    await sleep(plan.firstDelayMs);
    sendNativeError(res, plan.error);
    return;
  }
  const requestId = randomUUID();
  if (req.headers["x-dashscope-sse"] === "enable") {
    await streamNative(req, res, plan, {
      requestId,
      incremental: params.incremental_output === true,
      toolStream: params.tool_stream === true,
    });
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
              ...(plan.toolCall ? { tool_calls: [wholeCall(plan)] } : {}),
            },
            finish_reason: plan.finishReason,
          },
        ],
      },
      usage: usageAt(plan, plan.usage.completionTokens),
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
  meta: { requestId: string; incremental: boolean; toolStream: boolean },
): Promise<void> {
  const closed = watchClose(req, res);
  res.writeHead(200, { "content-type": "text/event-stream;charset=UTF-8", "cache-control": "no-cache" });
  let id = 0;
  const event = (data: unknown, kind = "result", status = 200) =>
    `id:${++id}\nevent:${kind}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify(data)}\n\n`;

  await sleep(plan.firstDelayMs);
  type Piece = { reasoning: string; content: string; tool?: Record<string, unknown>; tokens?: number };
  const call = plan.toolCall;
  const pieces: Piece[] = [
    ...plan.reasoning.map((text) => ({ reasoning: text, content: "" })),
    ...plan.content.map((text) => ({ reasoning: "", content: text })),
    ...(!call
      ? []
      : meta.toolStream
        ? call.fragments.map((piece, i) => ({
            reasoning: "",
            content: "",
            tool:
              i === 0
                ? { index: 0, id: call.id, type: "function", function: { name: call.name, arguments: piece } }
                : { index: 0, id: "", type: "function", function: { arguments: piece } },
          }))
        : [{ reasoning: "", content: "", tool: wholeCall(plan), tokens: call.fragments.length }]),
  ];
  let tokensSent = 0;
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
    if (plan.stallAfter !== undefined && i >= plan.stallAfter) {
      // Silence, with the connection open, until the client gives up.
      await new Promise<void>((resolve) => res.on("close", () => resolve()));
      return;
    }
    if (plan.malformedAt === i) {
      // An event whose data is cut off: not JSON. The stream goes on after it.
      res.write(
        `id:${++id}\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":{"content":"unterm\n\n`,
      );
      await sleep(plan.delayMs);
      continue;
    }
    const piece = pieces[i];
    reasoningSoFar += piece.reasoning;
    contentSoFar += piece.content;
    const last = i === pieces.length - 1;
    const message = meta.incremental
      ? { role: "assistant", content: piece.content, reasoning_content: piece.reasoning }
      : { role: "assistant", content: contentSoFar, reasoning_content: reasoningSoFar };
    tokensSent += piece.tokens ?? 1;
    res.write(
      event({
        output: {
          choices: [
            {
              message: piece.tool ? { ...message, tool_calls: [piece.tool] } : message,
              finish_reason: last ? plan.finishReason : "null",
            },
          ],
        },
        usage: usageAt(plan, tokensSent),
        request_id: meta.requestId,
      }),
    );
    if (!last) await sleep(plan.delayMs);
  }
  res.end();
}

function wholeCall(plan: Plan) {
  const call = plan.toolCall;
  return { index: 0, id: call?.id, type: "function", function: { name: call?.name, arguments: call?.arguments } };
}
