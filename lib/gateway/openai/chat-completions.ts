import "server-only";
import { randomUUID } from "node:crypto";
import { jsonSchema, type TextStreamPart, type Tool, type ToolChoice, type ToolSet, tool } from "ai";
import { BODY_LIMITS, readJson } from "../../api/body";
import type { ChatParameters } from "../../shared/catalog/parameters";
import { type GatewayCaller, type GatewayRequest, startCall, untilAnswerBegins } from "../call";
import { badRequest } from "../errors";
import { toModelMessages } from "./convert-messages";
import { openAIError, openAIErrorResponse } from "./errors";
import { type ChatCompletionRequest, chatCompletionRequestSchema, describeIssue, thinkingOf } from "./request-schema";
import { completionOf } from "./response";
import { ChunkMapper, SSE_DONE, sseEvent } from "./stream-chunks";

// POST /v1/chat/completions for a caller whose key was checked (the route does that): the body
// read up to its limit and checked, turned into a protocol-neutral call (lib/gateway/call.ts),
// and its answer streamed as `chat.completion.chunk` events or returned whole. The response's
// headers wait for the first token (or the failure before it), so that a platform's refusal comes
// back with its status, not as a broken stream; that wait is the same the chat has.

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/** The request's fields as the gateway's call (400 for what cannot be taken). */
export function gatewayRequestOf(body: ChatCompletionRequest): GatewayRequest {
  const tools: Record<string, Tool> = {};
  for (const [i, t] of (body.tools ?? []).entries()) {
    if (t.function.name in tools) throw badRequest(`Two tools are named "${t.function.name}".`, `tools[${i}]`);
    tools[t.function.name] = tool({
      description: t.function.description,
      inputSchema: jsonSchema(
        (t.function.parameters ?? { type: "object", properties: {} }) as Parameters<typeof jsonSchema>[0],
      ),
    });
  }
  let toolChoice: ToolChoice<ToolSet> | undefined;
  const choice = body.tool_choice;
  if (typeof choice === "string") toolChoice = choice;
  else if (choice) {
    if (!(choice.function.name in tools)) {
      throw badRequest(`tool_choice names "${choice.function.name}", which is not among the tools.`, "tool_choice");
    }
    toolChoice = { type: "tool", toolName: choice.function.name };
  }
  const parameters: ChatParameters = {};
  if (body.temperature != null) parameters.temperature = body.temperature;
  if (body.top_p != null) parameters.topP = body.top_p;
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) parameters.maxOutputTokens = maxTokens;
  if (body.presence_penalty != null) parameters.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) parameters.frequencyPenalty = body.frequency_penalty;
  if (body.seed != null) parameters.seed = body.seed;
  if (body.stop != null) parameters.stopSequences = typeof body.stop === "string" ? [body.stop] : body.stop;
  const format = body.response_format;
  return {
    model: body.model,
    messages: toModelMessages(body.messages),
    tools: Object.keys(tools).length > 0 ? tools : undefined,
    toolChoice,
    thinking: thinkingOf(body),
    parameters,
    candidates: body.n ?? 1,
    responseFormat:
      format?.type === "json_object"
        ? { type: "json" }
        : format?.type === "json_schema"
          ? {
              type: "json",
              name: format.json_schema.name,
              description: format.json_schema.description,
              schema: format.json_schema.schema as never,
            }
          : undefined,
  };
}

export async function chatCompletions(
  caller: GatewayCaller,
  request: Request,
  options: { stallTimeoutMs?: number } = {},
): Promise<Response> {
  try {
    const parsed = chatCompletionRequestSchema.safeParse(await readJson(request, BODY_LIMITS.api));
    if (!parsed.success) {
      const { message, param } = describeIssue(parsed.error);
      throw badRequest(message, param);
    }
    const body = parsed.data;
    const mapper = new ChunkMapper({
      id: `chatcmpl-${randomUUID()}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model,
    });
    // Events of the other answers (`n`) that arrive before the response starts wait here.
    const out: { pending: string[]; controller: ReadableStreamDefaultController<string> | null } = {
      pending: [],
      controller: null,
    };
    const emit = (event: string) => {
      if (out.controller) {
        try {
          out.controller.enqueue(event);
        } catch {
          out.controller = null;
        }
      } else out.pending.push(event);
    };
    const streamed = body.stream === true;
    const call = await startCall(caller, gatewayRequestOf(body), {
      signal: request.signal,
      stallTimeoutMs: options.stallTimeoutMs,
      onExtra: (index, delta) => {
        const chunks = mapper.extra(index, delta);
        if (streamed) for (const chunk of chunks) emit(sseEvent(chunk));
      },
    });
    const reader = call.parts.getReader();
    const first = await untilAnswerBegins(reader);
    const head = first.at(-1);
    if (!head || head.type === "error") {
      // Failed before answering: the status says why (the call is settled: nothing, or its prompt).
      const { error } = await call.settled;
      return openAIErrorResponse(error ?? (head?.type === "error" ? head.error : new Error("no answer")));
    }

    if (!streamed) {
      let failed: unknown = null;
      for (const part of first) mapper.map(part);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === "error") failed = value.error;
        mapper.map(value);
      }
      const { usage, error } = await call.settled;
      if (failed !== null || (error && error.code !== "budget_exceeded")) return openAIErrorResponse(error ?? failed);
      return Response.json(
        completionOf({ id: mapper.meta.id, created: mapper.meta.created, model: body.model }, mapper.answers, usage),
      );
    }

    const includeUsage = body.stream_options?.include_usage === true;
    const stream = new ReadableStream<string>({
      start(controller) {
        out.controller = controller;
        for (const event of out.pending.splice(0)) controller.enqueue(event);
        void (async () => {
          let failed = false;
          const handle = (part: TextStreamPart<ToolSet>) => {
            if (part.type === "error") {
              failed = true;
              emit(sseEvent(openAIError(part.error).body));
              return;
            }
            for (const chunk of mapper.map(part)) emit(sseEvent(chunk));
          };
          for (const part of first) handle(part);
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            handle(value);
          }
          const { usage } = await call.settled;
          if (includeUsage) emit(sseEvent(mapper.usageChunk(usage)));
          if (!failed) emit(SSE_DONE);
          try {
            out.controller?.close();
          } catch {}
        })();
      },
      cancel() {
        // The client went away: the call stops, and settles what it received.
        out.controller = null;
        call.abort();
      },
    });
    return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: SSE_HEADERS });
  } catch (error) {
    return openAIErrorResponse(error);
  }
}
