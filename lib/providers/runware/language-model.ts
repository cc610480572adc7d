import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3FinishReason,
  type LanguageModelV3Prompt,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
  type SharedV3Warning,
  UnsupportedFunctionalityError,
} from "@ai-sdk/provider";
import {
  combineHeaders,
  createJsonResponseHandler,
  type FetchFunction,
  parseProviderOptions,
  postJsonToApi,
} from "@ai-sdk/provider-utils";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { z } from "zod";
import { bodyStreamHandler, finishReasonOf, platformErrorHandler, TextParts } from "../shared/http";

// A Runware-style task API as an AI SDK language model: one `textInference` task per call,
// delivered as a stream or synchronously, with usage and the platform's own cost.
// Unverified by any source, and so left out for now: tool calls in responses, and the results of
// the server-side `search` / `codeInterpreter` tools.

export interface RunwareConfig {
  provider: string;
  url: string;
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction;
  generateTaskUUID: () => string;
}

const optionsSchema = z.object({
  /** "none" switches thinking off; the documentation's other level is not named in our sources. */
  thinkingLevel: z.string().optional(),
});

const usageSchema = z
  .object({
    promptTokens: z.number().optional(),
    completionTokens: z.number().optional(),
    totalTokens: z.number().optional(),
    thinkingTokens: z.number().optional(),
  })
  .nullish();

const errorsSchema = z.object({
  errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })),
});

const chunkSchema = z.object({
  taskUUID: z.string().optional(),
  delta: z.object({ text: z.string().optional(), reasoningContent: z.string().optional() }).optional(),
  finishReason: z.string().nullish(),
  resultIndex: z.number().optional(),
  usage: usageSchema,
  cost: z.number().nullish(),
});

const syncSchema = z.object({
  data: z.array(
    z.object({
      taskUUID: z.string().optional(),
      text: z.string().nullish(),
      reasoningContent: z.string().nullish(),
      finishReason: z.string().nullish(),
      usage: usageSchema,
      cost: z.number().nullish(),
    }),
  ),
});

export class RunwareLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly supportedUrls = {};

  constructor(
    readonly modelId: string,
    private readonly config: RunwareConfig,
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
        schema: optionsSchema,
      })) ?? {};
    if (options.topK !== undefined) warnings.push({ type: "unsupported", feature: "topK" });
    if (options.tools?.length)
      warnings.push({ type: "unsupported", feature: "tools", details: "tool calls are not read from this API yet" });
    const { systemPrompt, messages } = convertPrompt(options.prompt);
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
          numberResults: 1,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          messages,
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
      failedResponseHandler: errorHandler,
      successfulResponseHandler: createJsonResponseHandler(syncSchema),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const result = value.data[0];
    const content: LanguageModelV3Content[] = [];
    if (result?.reasoningContent) content.push({ type: "reasoning", text: result.reasoningContent });
    if (result?.text) content.push({ type: "text", text: result.text });
    return {
      content,
      finishReason: finishReasonOf(result?.finishReason),
      usage: convertUsage(result?.usage),
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
      failedResponseHandler: errorHandler,
      successfulResponseHandler: bodyStreamHandler("Runware"),
      abortSignal: options.abortSignal,
      fetch: this.config.fetch,
    });
    const { url } = this.config;
    const modelId = this.modelId;
    let finish: LanguageModelV3FinishReason = { unified: "other", raw: undefined };
    let usage: z.infer<typeof usageSchema> = null;
    let cost: number | null | undefined;
    let parts: TextParts;
    let metadataSent = false;

    const stream = responseBody
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
            } catch {
              controller.enqueue({ type: "error", error: new Error(`Malformed Runware chunk: ${data.slice(0, 200)}`) });
              return;
            }
            const failed = errorsSchema.safeParse(json);
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
            const parsed = chunkSchema.safeParse(json);
            if (!parsed.success) {
              controller.enqueue({ type: "error", error: parsed.error });
              return;
            }
            const chunk = parsed.data;
            if ((chunk.resultIndex ?? 0) !== 0) return; // candidates beyond the first: issue #4
            if (!metadataSent) {
              metadataSent = true;
              controller.enqueue({ type: "response-metadata", id: chunk.taskUUID, modelId });
            }
            if (chunk.delta?.reasoningContent) parts.reasoning(chunk.delta.reasoningContent);
            if (chunk.delta?.text) parts.text(chunk.delta.text);
            if (chunk.finishReason) finish = finishReasonOf(chunk.finishReason);
            if (chunk.usage) usage = chunk.usage;
            if (chunk.cost != null) cost = chunk.cost;
          },
          flush(controller) {
            parts.close();
            controller.enqueue({
              type: "finish",
              finishReason: finish,
              usage: convertUsage(usage),
              ...(cost != null ? { providerMetadata: { runware: { cost } } } : {}),
            });
          },
        }),
      );
    return { stream, request: { body }, response: { headers: responseHeaders } };
  }
}

/** The system prompt goes to settings; messages carry only user and assistant text. */
function convertPrompt(prompt: LanguageModelV3Prompt) {
  const system: string[] = [];
  const messages: { role: "user" | "assistant"; content: string }[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      system.push(message.content);
    } else if (message.role === "user" || message.role === "assistant") {
      const text = message.content.map((part) => {
        if (part.type === "text") return part.text;
        if (part.type === "reasoning") return "";
        throw new UnsupportedFunctionalityError({ functionality: `${message.role} message part of type ${part.type}` });
      });
      const content = text.join("");
      if (content) messages.push({ role: message.role, content });
    } else {
      throw new UnsupportedFunctionalityError({ functionality: "tool results" });
    }
  }
  return { systemPrompt: system.length ? system.join("\n\n") : undefined, messages };
}

const errorHandler = platformErrorHandler((json) => {
  const first = errorsSchema.parse(json).errors[0];
  return [first?.code, first?.message].filter(Boolean).join(": ");
});

function convertUsage(usage: z.infer<typeof usageSchema>): LanguageModelV3Usage {
  const reasoning = usage?.thinkingTokens;
  const output = usage?.completionTokens;
  return {
    inputTokens: {
      total: usage?.promptTokens,
      noCache: usage?.promptTokens,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: output,
      text: output !== undefined && reasoning !== undefined ? output - reasoning : output,
      reasoning,
    },
    ...(usage ? { raw: usage as Record<string, number> } : {}),
  };
}
