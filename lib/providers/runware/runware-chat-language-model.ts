import {
  APICallError,
  JSONParseError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3FinishReason,
  type LanguageModelV3StreamPart,
  type SharedV3Warning,
} from "@ai-sdk/provider";
import {
  combineHeaders,
  createJsonResponseHandler,
  type FetchFunction,
  parseProviderOptions,
  postJsonToApi,
} from "@ai-sdk/provider-utils";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { bodyStreamHandler, TextParts } from "../shared/http";
import { lfLineEnds } from "../shared/line-ends";
import { convertRunwareUsage } from "./convert-runware-usage";
import { convertToRunwareMessages } from "./convert-to-runware-messages";
import { mapRunwareFinishReason } from "./map-runware-finish-reason";
import {
  type RunwareToolCall,
  type RunwareUsage,
  runwareChunkSchema,
  runwareErrorsSchema,
  runwareFailedResponseHandler,
  runwareSyncResponseSchema,
} from "./runware-api";
import { runwareChatOptionsSchema } from "./runware-chat-options";
import { prepareRunwareTools } from "./runware-prepare-tools";

// A Runware-style task API as an AI SDK language model: one `textInference` task per call,
// delivered as a stream or synchronously, with usage and the platform's own cost. A tool call is
// read from a response in the request's shape (unverified, see runware-api.ts). The server-side
// `search` tool is switched by the `search` option; its results are not surfaced (no source
// shows them).

export interface RunwareChatConfig {
  provider: string;
  url: string;
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction;
  generateTaskUUID: () => string;
}

export class RunwareChatLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly supportedUrls = {};

  constructor(
    readonly modelId: string,
    private readonly config: RunwareChatConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  private async task(options: LanguageModelV3CallOptions, deliveryMethod: "stream" | "sync") {
    const warnings: SharedV3Warning[] = [];
    const own =
      (await parseProviderOptions({
        provider: "runware",
        providerOptions: options.providerOptions,
        schema: runwareChatOptionsSchema,
      })) ?? {};
    if (options.topK !== undefined) warnings.push({ type: "unsupported", feature: "topK" });
    const { systemPrompt, messages } = convertToRunwareMessages(options.prompt);
    const { tools, toolChoice } = prepareRunwareTools({
      tools: options.tools,
      toolChoice: options.toolChoice,
      search: own.search,
      codeInterpreter: own.codeInterpreter,
    });
    const settings = {
      systemPrompt,
      temperature: options.temperature,
      topP: options.topP,
      frequencyPenalty: options.frequencyPenalty,
      presencePenalty: options.presencePenalty,
      maxTokens: options.maxOutputTokens,
      stopSequences: options.stopSequences?.slice(0, 4),
      thinkingLevel: own.thinkingLevel,
    };
    return {
      body: [
        {
          taskType: "textInference",
          taskUUID: this.config.generateTaskUUID(),
          model: this.modelId,
          deliveryMethod,
          includeUsage: true,
          includeCost: true,
          numberResults: own.numberResults ?? 1,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          messages,
          ...(tools ? { tools } : {}),
          ...(toolChoice ? { toolChoice } : {}),
          settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
        },
      ],
      warnings,
    };
  }

  async doGenerate(options: LanguageModelV3CallOptions) {
    const { body, warnings } = await this.task(options, "sync");
    const { value, responseHeaders, rawValue } = await postJsonToApi({
      url: this.config.url,
      headers: combineHeaders(this.config.headers(), options.headers),
      body,
      failedResponseHandler: runwareFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(runwareSyncResponseSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const result = value.data[0];
    const content: LanguageModelV3Content[] = [];
    const reasoning = [result?.reasoningContent ?? []].flat().join("");
    if (reasoning) content.push({ type: "reasoning", text: reasoning });
    if (result?.text) content.push({ type: "text", text: result.text });
    for (const call of result?.tools ?? []) content.push({ type: "tool-call", ...toolCallOf(call) });
    return {
      content,
      finishReason: mapRunwareFinishReason(result?.finishReason),
      usage: convertRunwareUsage(result?.usage),
      providerMetadata: result?.cost != null ? { runware: { cost: result.cost } } : undefined,
      request: { body },
      response: { id: result?.taskUUID, modelId: this.modelId, headers: responseHeaders, body: rawValue },
      warnings,
    };
  }

  async doStream(options: LanguageModelV3CallOptions) {
    const { body, warnings } = await this.task(options, "stream");
    const { value: responseBody, responseHeaders } = await postJsonToApi({
      url: this.config.url,
      headers: combineHeaders(this.config.headers(), { Accept: "text/event-stream" }, options.headers),
      body,
      failedResponseHandler: runwareFailedResponseHandler,
      successfulResponseHandler: bodyStreamHandler("Runware"),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const { url } = this.config;
    const modelId = this.modelId;
    let finish: LanguageModelV3FinishReason = { unified: "other", raw: undefined };
    let usage: RunwareUsage = null;
    let cost: number | null | undefined;
    let parts: TextParts;
    let metadataSent = false;
    const calls = new Map<string, { toolName: string; input: string }>();

    const stream = responseBody
      .pipeThrough(lfLineEnds())
      .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
      .pipeThrough(new EventSourceParserStream()) // drops the `: ping` comments
      .pipeThrough(
        new TransformStream<{ data: string }, LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: "stream-start", warnings });
            parts = new TextParts((part) => controller.enqueue(part));
          },
          transform({ data }, controller) {
            if (data === "[DONE]") return;
            let json: unknown;
            try {
              json = JSON.parse(data);
            } catch (cause) {
              // Reported, and the stream goes on: the answer may have a gap, the user is told.
              controller.enqueue({ type: "error", error: new JSONParseError({ text: data.slice(0, 200), cause }) });
              return;
            }
            const failed = runwareErrorsSchema.safeParse(json);
            if (failed.success) {
              const first = failed.data.errors[0] ?? {};
              finish = { unified: "error", raw: first.code };
              controller.enqueue({
                type: "error",
                error: new APICallError({
                  message: first.message ?? "Runware reported an error in the stream.",
                  url,
                  requestBodyValues: body,
                  statusCode: 500,
                  responseBody: data,
                  isRetryable: false,
                }),
              });
              return;
            }
            const parsed = runwareChunkSchema.safeParse(json);
            if (!parsed.success) {
              controller.enqueue({ type: "error", error: parsed.error });
              return;
            }
            const chunk = parsed.data;
            // Another result of a numberResults task (lib/chat/candidates.ts takes them out first).
            if ((chunk.resultIndex ?? 0) !== 0) return;
            if (!metadataSent) {
              metadataSent = true;
              controller.enqueue({ type: "response-metadata", id: chunk.taskUUID, modelId });
            }
            if (chunk.delta?.reasoningContent) parts.reasoning(chunk.delta.reasoningContent);
            if (chunk.delta?.text) parts.text(chunk.delta.text);
            for (const call of chunk.delta?.tools ?? []) {
              parts.close();
              const { toolCallId, toolName, input } = toolCallOf(call);
              if (!calls.has(toolCallId)) controller.enqueue({ type: "tool-input-start", id: toolCallId, toolName });
              controller.enqueue({ type: "tool-input-delta", id: toolCallId, delta: input });
              // A call seen again (under the same id) replaces its input: it is run once, at the end.
              calls.set(toolCallId, { toolName, input });
            }
            if (chunk.finishReason) finish = mapRunwareFinishReason(chunk.finishReason);
            if (chunk.usage) usage = chunk.usage;
            if (chunk.cost != null) cost = chunk.cost;
          },
          flush(controller) {
            parts.close();
            for (const [toolCallId, { toolName, input }] of calls) {
              controller.enqueue({ type: "tool-input-end", id: toolCallId });
              controller.enqueue({ type: "tool-call", toolCallId, toolName, input });
            }
            controller.enqueue({
              type: "finish",
              finishReason: finish,
              usage: convertRunwareUsage(usage),
              ...(cost != null ? { providerMetadata: { runware: { cost } } } : {}),
            });
          },
        }),
      );
    return { stream, request: { body }, response: { headers: responseHeaders } };
  }
}

/** A call as the AI SDK takes it: the input as JSON text, whether it came as text or as an object. */
function toolCallOf(call: RunwareToolCall) {
  return {
    toolCallId: call.id,
    toolName: call.name,
    input: call.arguments ?? JSON.stringify(call.input ?? {}),
  };
}
