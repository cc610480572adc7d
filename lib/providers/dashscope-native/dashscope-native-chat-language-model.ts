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
  generateId,
  parseProviderOptions,
  postJsonToApi,
} from "@ai-sdk/provider-utils";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { bodyStreamHandler, TextParts } from "../shared/http";
import { lfLineEnds } from "../shared/line-ends";
import { convertDashScopeNativeUsage } from "./convert-dashscope-native-usage";
import { convertToDashScopeNativeMessages } from "./convert-to-dashscope-native-messages";
import {
  type DashScopeNativeUsage,
  dashScopeNativeErrorSchema,
  dashScopeNativeFailedResponseHandler,
  dashScopeNativeResultSchema,
} from "./dashscope-native-api";
import { dashScopeNativeChatOptionsSchema } from "./dashscope-native-chat-options";
import { prepareDashScopeNativeTools } from "./dashscope-native-prepare-tools";
import { mapDashScopeNativeFinishReason } from "./map-dashscope-native-finish-reason";

// DashScope's native text-generation protocol as an AI SDK language model, so that routes use it
// exactly like the OpenAI-compatible platforms: streamText, reasoning parts, tool calls, usage.

export interface DashScopeNativeChatConfig {
  provider: string;
  baseURL: string;
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction;
}

export class DashScopeNativeChatLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly supportedUrls = {};

  constructor(
    readonly modelId: string,
    private readonly config: DashScopeNativeChatConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  private get url(): string {
    return `${this.config.baseURL}/api/v1/services/aigc/text-generation/generation`;
  }

  private async args(options: LanguageModelV3CallOptions, stream: boolean) {
    const warnings: SharedV3Warning[] = [];
    const own =
      (await parseProviderOptions({
        provider: "dashscope",
        providerOptions: options.providerOptions,
        schema: dashScopeNativeChatOptionsSchema,
      })) ?? {};
    if (options.frequencyPenalty !== undefined) warnings.push({ type: "unsupported", feature: "frequencyPenalty" });
    if (options.responseFormat?.type === "json") {
      warnings.push({
        type: "unsupported",
        feature: "responseFormat",
        details: "JSON mode is not sent to the native API",
      });
    }
    const { tools, toolChoice } = prepareDashScopeNativeTools({ tools: options.tools, toolChoice: options.toolChoice });
    const parameters = {
      result_format: "message",
      ...(stream ? { incremental_output: true } : {}),
      temperature: options.temperature,
      top_p: options.topP,
      top_k: own.top_k ?? options.topK,
      max_tokens: options.maxOutputTokens,
      seed: options.seed,
      stop: options.stopSequences,
      presence_penalty: options.presencePenalty,
      enable_thinking: own.enable_thinking,
      thinking_budget: own.thinking_budget,
      enable_search: own.enable_search,
      ...(tools ? { tools, tool_stream: own.tool_stream, tool_choice: toolChoice } : {}),
    };
    return {
      body: {
        model: this.modelId,
        input: { messages: convertToDashScopeNativeMessages(options.prompt) },
        parameters: Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== undefined)),
      },
      warnings,
    };
  }

  async doGenerate(options: LanguageModelV3CallOptions) {
    const { body, warnings } = await this.args(options, false);
    const { value, responseHeaders, rawValue } = await postJsonToApi({
      url: this.url,
      headers: combineHeaders(this.config.headers(), options.headers),
      body,
      failedResponseHandler: dashScopeNativeFailedResponseHandler,
      successfulResponseHandler: createJsonResponseHandler(dashScopeNativeResultSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const choice = value.output.choices[0];
    const content: LanguageModelV3Content[] = [];
    if (choice?.message.reasoning_content) content.push({ type: "reasoning", text: choice.message.reasoning_content });
    if (choice?.message.content) content.push({ type: "text", text: choice.message.content });
    for (const call of choice?.message.tool_calls ?? []) {
      content.push({
        type: "tool-call",
        toolCallId: call.id || generateId(),
        toolName: call.function?.name ?? "",
        input: call.function?.arguments ?? "{}",
      });
    }
    return {
      content,
      finishReason: mapDashScopeNativeFinishReason(choice?.finish_reason),
      usage: convertDashScopeNativeUsage(value.usage),
      request: { body },
      response: { id: value.request_id ?? undefined, modelId: this.modelId, headers: responseHeaders, body: rawValue },
      warnings,
    };
  }

  async doStream(options: LanguageModelV3CallOptions) {
    const { body, warnings } = await this.args(options, true);
    const { value: responseBody, responseHeaders } = await postJsonToApi({
      url: this.url,
      headers: combineHeaders(
        this.config.headers(),
        { "X-DashScope-SSE": "enable", Accept: "text/event-stream" },
        options.headers,
      ),
      body,
      failedResponseHandler: dashScopeNativeFailedResponseHandler,
      successfulResponseHandler: bodyStreamHandler("DashScope"),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const modelId = this.modelId;
    const url = this.url;

    let usage: DashScopeNativeUsage = null;
    let finish: LanguageModelV3FinishReason = { unified: "other", raw: undefined };
    let parts: TextParts;
    let metadataSent = false;
    // Tool calls arrive in fragments: the first carries id and name, the rest arguments.
    const toolCalls: { id: string; name: string; args: string; open: boolean }[] = [];

    // Each event's `:HTTP_STATUS/NNN` line is an SSE comment, which comes just before its data.
    let eventStatus: number | undefined;
    const events = responseBody
      .pipeThrough(lfLineEnds())
      .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
      .pipeThrough(
        new EventSourceParserStream({
          onComment: (comment) => {
            const status = /^HTTP_STATUS\/(\d{3})/.exec(comment.trim());
            if (status) eventStatus = Number(status[1]);
          },
        }),
      );
    const stream = events.pipeThrough(
      new TransformStream<{ event?: string; data: string }, LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings });
          parts = new TextParts((part) => controller.enqueue(part));
        },
        transform(event, controller) {
          let json: unknown;
          try {
            json = JSON.parse(event.data);
          } catch (cause) {
            // Reported, and the stream goes on: the answer may have a gap, the user is told.
            controller.enqueue({ type: "error", error: new JSONParseError({ text: event.data.slice(0, 200), cause }) });
            return;
          }
          if (event.event === "error") {
            const error = dashScopeNativeErrorSchema.safeParse(json).data ?? {};
            finish = { unified: "error", raw: error.code };
            controller.enqueue({
              type: "error",
              error: new APICallError({
                message: error.message ?? "DashScope reported an error in the stream.",
                url,
                requestBodyValues: body,
                statusCode: eventStatus ?? 500,
                responseBody: event.data,
                isRetryable: false,
              }),
            });
            return;
          }
          const parsed = dashScopeNativeResultSchema.safeParse(json);
          if (!parsed.success) {
            controller.enqueue({ type: "error", error: parsed.error });
            return;
          }
          const result = parsed.data;
          if (!metadataSent) {
            metadataSent = true;
            controller.enqueue({ type: "response-metadata", id: result.request_id ?? undefined, modelId });
          }
          if (result.usage) usage = result.usage;
          const choice = result.output.choices[0];
          if (!choice) return;
          const { message } = choice;
          if (message.reasoning_content) parts.reasoning(message.reasoning_content);
          if (message.content) parts.text(message.content);
          for (const fragment of message.tool_calls ?? []) {
            const index = fragment.index ?? (fragment.id ? toolCalls.length : toolCalls.length - 1);
            let call = toolCalls[index];
            if (!call) {
              call = { id: fragment.id || generateId(), name: fragment.function?.name ?? "", args: "", open: true };
              toolCalls[index] = call;
              controller.enqueue({ type: "tool-input-start", id: call.id, toolName: call.name });
            }
            const delta = fragment.function?.arguments ?? "";
            if (delta) {
              call.args += delta;
              controller.enqueue({ type: "tool-input-delta", id: call.id, delta });
            }
          }
          if (choice.finish_reason && choice.finish_reason !== "null") {
            finish = mapDashScopeNativeFinishReason(choice.finish_reason);
          }
        },
        flush(controller) {
          parts.close();
          for (const call of toolCalls) {
            if (!call?.open) continue;
            controller.enqueue({ type: "tool-input-end", id: call.id });
            controller.enqueue({
              type: "tool-call",
              toolCallId: call.id,
              toolName: call.name,
              input: call.args || "{}",
            });
          }
          controller.enqueue({ type: "finish", finishReason: finish, usage: convertDashScopeNativeUsage(usage) });
        },
      }),
    );
    return { stream, request: { body }, response: { headers: responseHeaders } };
  }
}
