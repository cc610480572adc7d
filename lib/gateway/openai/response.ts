import type { FinishReason } from "ai";
import type { TokenUsage } from "../../shared/chat/message";

// The non-streamed answer, `chat.completion`, in the shape the GLM platforms' compatible modes
// give (thinking as `reasoning_content` beside `content`), and the pieces the streamed chunks
// share with it: usage with its details, finish reasons in OpenAI's words.

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export function openAIUsage(usage: TokenUsage): OpenAIUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    ...(usage.cachedInputTokens ? { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } } : {}),
    ...(usage.reasoningTokens ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } } : {}),
  };
}

export type OpenAIFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** The AI SDK's finish reason (or a platform's raw one, for extra answers) in OpenAI's words. */
export function openAIFinishReason(reason: FinishReason | string | null | undefined): OpenAIFinishReason {
  switch (reason) {
    case "length":
      return "length";
    case "tool-calls":
    case "tool_calls":
      return "tool_calls";
    case "content-filter":
    case "content_filter":
    case "sensitive":
      return "content_filter";
    default:
      return "stop";
  }
}

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface CompletionChoice {
  index: number;
  message: {
    role: "assistant";
    content: string | null;
    reasoning_content?: string;
    tool_calls?: OpenAIToolCall[];
  };
  finish_reason: OpenAIFinishReason;
  logprobs: null;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: CompletionChoice[];
  usage: OpenAIUsage;
}

/** One answer of a call, as it was received. */
export interface AnswerSoFar {
  reasoning: string;
  text: string;
  toolCalls: OpenAIToolCall[];
  finishReason: FinishReason | string | null;
}

export function completionOf(
  meta: { id: string; created: number; model: string },
  answers: readonly AnswerSoFar[],
  usage: TokenUsage,
): ChatCompletion {
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: answers.map((a, index) => ({
      index,
      message: {
        role: "assistant",
        content: a.text === "" && a.toolCalls.length > 0 ? null : a.text,
        ...(a.reasoning ? { reasoning_content: a.reasoning } : {}),
        ...(a.toolCalls.length > 0 ? { tool_calls: a.toolCalls } : {}),
      },
      finish_reason: openAIFinishReason(a.finishReason),
      logprobs: null,
    })),
    usage: openAIUsage(usage),
  };
}
