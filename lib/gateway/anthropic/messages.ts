import "server-only";
import { randomUUID } from "node:crypto";
import { jsonSchema, type TextStreamPart, type Tool, type ToolChoice, type ToolSet, tool } from "ai";
import { BODY_LIMITS, readJson } from "../../api/body";
import type { ChatParameters } from "../../shared/catalog/parameters";
import { type GatewayCaller, type GatewayRequest, startCall, untilAnswerBegins } from "../call";
import { badRequest, unsupported } from "../errors";
import { describeIssue } from "../openai/request-schema";
import { toModelMessages } from "./convert-messages";
import { anthropicErrorEvent, anthropicErrorResponse } from "./errors";
import {
  type CountTokensRequest,
  type MessagesRequest,
  messagesRequestSchema,
  systemText,
  thinkingOf,
} from "./request-schema";
import { messageOf } from "./response";
import { EventMapper, sseEvent } from "./stream-events";

// POST /v1/messages for a caller whose key was checked (the route does that): the body read up to
// its limit and checked, turned into a protocol-neutral call (lib/gateway/call.ts), and its answer
// streamed as the Messages API's events or returned as one `message`. The response's headers wait
// for the first token (or the failure before it), so that a platform's refusal comes back with its
// status, not as a broken stream (as /v1/chat/completions does). The `anthropic-version` and
// `anthropic-beta` headers are not required, and change nothing.

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/** The tools and tool choice of a request, as the AI SDK's (400 for what cannot be taken). */
export function toolsOf(body: CountTokensRequest): Pick<GatewayRequest, "tools" | "toolChoice"> {
  const tools: Record<string, Tool> = {};
  for (const [i, t] of (body.tools ?? []).entries()) {
    if (t.type && t.type !== "custom") {
      throw unsupported(`Only client tools are supported; tools[${i}] is of type "${t.type}".`, `tools[${i}].type`);
    }
    if (t.name in tools) throw badRequest(`Two tools are named "${t.name}".`, `tools[${i}]`);
    tools[t.name] = tool({
      description: t.description,
      inputSchema: jsonSchema(
        (t.input_schema ?? { type: "object", properties: {} }) as Parameters<typeof jsonSchema>[0],
      ),
    });
  }
  let toolChoice: ToolChoice<ToolSet> | undefined;
  const choice = body.tool_choice;
  if (choice?.type === "auto" || choice?.type === "none") toolChoice = choice.type;
  else if (choice?.type === "any") toolChoice = "required";
  else if (choice?.type === "tool") {
    if (!(choice.name in tools)) {
      throw badRequest(`tool_choice names "${choice.name}", which is not among the tools.`, "tool_choice.name");
    }
    toolChoice = { type: "tool", toolName: choice.name };
  }
  return { tools: Object.keys(tools).length > 0 ? tools : undefined, toolChoice };
}

/** The request's fields as the gateway's call (400 for what cannot be taken). */
export function gatewayRequestOf(body: MessagesRequest): GatewayRequest {
  const parameters: ChatParameters = { maxOutputTokens: body.max_tokens };
  if (body.temperature != null) parameters.temperature = body.temperature;
  if (body.top_p != null) parameters.topP = body.top_p;
  if (body.top_k != null) parameters.topK = body.top_k;
  if (body.stop_sequences != null && body.stop_sequences.length > 0) parameters.stopSequences = body.stop_sequences;
  return {
    model: body.model,
    messages: toModelMessages(systemText(body), body.messages),
    ...toolsOf(body),
    thinking: thinkingOf(body),
    parameters,
    candidates: 1,
  };
}

export async function messages(
  caller: GatewayCaller,
  request: Request,
  options: { stallTimeoutMs?: number } = {},
): Promise<Response> {
  try {
    const parsed = messagesRequestSchema.safeParse(await readJson(request, BODY_LIMITS.api));
    if (!parsed.success) {
      const { message, param } = describeIssue(parsed.error);
      throw badRequest(message, param);
    }
    const body = parsed.data;
    const mapper = new EventMapper({ id: `msg_${randomUUID().replaceAll("-", "")}`, model: body.model });
    const call = await startCall(caller, gatewayRequestOf(body), {
      signal: request.signal,
      stallTimeoutMs: options.stallTimeoutMs,
    });
    const reader = call.parts.getReader();
    const first = await untilAnswerBegins(reader);
    const head = first.at(-1);
    if (!head || head.type === "error") {
      // Failed before answering: the status says why (the call is settled: nothing, or its prompt).
      const { error } = await call.settled;
      return anthropicErrorResponse(error ?? (head?.type === "error" ? head.error : new Error("no answer")));
    }

    if (body.stream !== true) {
      let failed: unknown = null;
      for (const part of first) mapper.map(part);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === "error") failed = value.error;
        mapper.map(value);
      }
      const { usage, error } = await call.settled;
      if (failed !== null || (error && error.code !== "budget_exceeded")) {
        return anthropicErrorResponse(error ?? failed);
      }
      return Response.json(messageOf(mapper.meta, mapper.content, mapper.finishReason, usage));
    }

    let controller: ReadableStreamDefaultController<string> | null = null;
    const emit = (event: string) => {
      try {
        controller?.enqueue(event);
      } catch {
        controller = null;
      }
    };
    const stream = new ReadableStream<string>({
      start(c) {
        controller = c;
        emit(sseEvent(mapper.start()));
        void (async () => {
          let failed = false;
          const handle = (part: TextStreamPart<ToolSet>) => {
            if (part.type === "error") {
              failed = true;
              emit(sseEvent(anthropicErrorEvent(part.error)));
              return;
            }
            if (!failed) for (const event of mapper.map(part)) emit(sseEvent(event));
          };
          for (const part of first) handle(part);
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            handle(value);
          }
          const { usage } = await call.settled;
          // After an error event the stream ends there, as Anthropic's does.
          if (!failed) for (const event of mapper.end(usage)) emit(sseEvent(event));
          try {
            controller?.close();
          } catch {}
        })();
      },
      cancel() {
        // The client went away: the call stops, and settles what it received.
        controller = null;
        call.abort();
      },
    });
    return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: SSE_HEADERS });
  } catch (error) {
    return anthropicErrorResponse(error);
  }
}
