import {
  APICallError,
  JSONParseError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3Content,
  type LanguageModelV3FinishReason,
  type LanguageModelV3Prompt,
  type LanguageModelV3StreamPart,
  type LanguageModelV3ToolResultOutput,
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
import { lfLineEnds } from "../shared/line-ends";

// A Runware-style task API as an AI SDK language model: one `textInference` task per call,
// delivered as a stream or synchronously, with usage and the platform's own cost.
// Tools, as Runware's SDKs send them: definitions `{type: "function", name, description, schema}`
// and `toolChoice` at the task's root, the assistant's calls as `tools: [{id, name, input}]` on its
// message, results as `{role: "tool", id, content}`. How a response carries a call is not
// documented; it is read here in the request's own shape (`tools: [{id, name, input}]` on a sync
// result or a stream delta, finishReason "tool_calls"/"tool_use"). Unverified, kept in one place
// (toolCallSchema) so it is easy to change. The server-side `search` tool is switched by the
// `search` option; its results are not surfaced (no source shows them).

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
  /** Offer the platform's server-side web search tool. */
  search: z.boolean().optional(),
  /** Offer the platform's server-side code interpreter. */
  codeInterpreter: z.boolean().optional(),
  /** Several results; the stream interleaves them by resultIndex (lib/chat/candidates.ts). */
  numberResults: z.number().int().min(1).max(4).optional(),
});

/** A function call in a response, in the shape requests use (unverified, see above). */
const toolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  input: z.unknown().optional(),
  arguments: z.string().optional(),
});
type RunwareToolCall = z.infer<typeof toolCallSchema>;

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
  delta: z
    .object({
      text: z.string().optional(),
      reasoningContent: z.string().optional(),
      tools: z.array(toolCallSchema).optional(),
    })
    .optional(),
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
      // A string, or a list of strings in some SDK versions.
      reasoningContent: z.union([z.string(), z.array(z.string())]).nullish(),
      tools: z.array(toolCallSchema).nullish(),
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
    const { systemPrompt, messages } = convertPrompt(options.prompt);
    const tools = [
      ...(options.tools ?? []).flatMap((t) =>
        t.type === "function"
          ? [{ type: "function", name: t.name, description: t.description, schema: t.inputSchema }]
          : [],
      ),
      ...(own.search ? [{ type: "search" }] : []),
      ...(own.codeInterpreter ? [{ type: "codeInterpreter" }] : []),
    ];
    const choice = options.toolChoice;
    const toolChoice =
      choice === undefined || !options.tools?.length
        ? undefined
        : choice.type === "tool"
          ? { type: "tool", name: choice.toolName }
          : { type: choice.type === "required" ? "any" : choice.type };
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
          ...(tools.length ? { tools } : {}),
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
      failedResponseHandler: errorHandler,
      successfulResponseHandler: createJsonResponseHandler(syncSchema),
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
            for (const call of chunk.delta?.tools ?? []) {
              parts.close();
              const { toolCallId, toolName, input } = toolCallOf(call);
              if (!calls.has(toolCallId)) controller.enqueue({ type: "tool-input-start", id: toolCallId, toolName });
              controller.enqueue({ type: "tool-input-delta", id: toolCallId, delta: input });
              // A call seen again (under the same id) replaces its input: it is run once, at the end.
              calls.set(toolCallId, { toolName, input });
            }
            if (chunk.finishReason) finish = finishReasonOf(chunk.finishReason);
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
              usage: convertUsage(usage),
              ...(cost != null ? { providerMetadata: { runware: { cost } } } : {}),
            });
          },
        }),
      );
    return { stream, request: { body }, response: { headers: responseHeaders } };
  }
}

type RunwareMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; tools?: { id: string; name: string; input: unknown }[] }
  | { role: "tool"; id: string; content: string };

/** The system prompt goes to settings; tool calls and results in the SDKs' shape. */
function convertPrompt(prompt: LanguageModelV3Prompt) {
  const system: string[] = [];
  const messages: RunwareMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case "system":
        system.push(message.content);
        break;
      case "user": {
        const content = message.content
          .map((part) => {
            if (part.type === "text") return part.text;
            throw new UnsupportedFunctionalityError({ functionality: `user message part of type ${part.type}` });
          })
          .join("");
        if (content) messages.push({ role: "user", content });
        break;
      }
      case "assistant": {
        let content = "";
        const tools: { id: string; name: string; input: unknown }[] = [];
        for (const part of message.content) {
          if (part.type === "text") content += part.text;
          else if (part.type === "tool-call" && !part.providerExecuted)
            tools.push({ id: part.toolCallId, name: part.toolName, input: part.input });
        }
        if (content || tools.length) messages.push({ role: "assistant", content, ...(tools.length ? { tools } : {}) });
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type === "tool-result")
            messages.push({ role: "tool", id: part.toolCallId, content: outputText(part.output) });
        }
        break;
    }
  }
  return { systemPrompt: system.length ? system.join("\n\n") : undefined, messages };
}

function outputText(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "execution-denied":
      return output.reason ?? "The user denied this tool call.";
    default:
      return JSON.stringify(output.value);
  }
}

function toolCallOf(call: RunwareToolCall) {
  return {
    toolCallId: call.id,
    toolName: call.name,
    input: call.arguments ?? JSON.stringify(call.input ?? {}),
  };
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
