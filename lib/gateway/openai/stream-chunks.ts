import type { TextStreamPart, ToolSet } from "ai";
import type { TokenUsage } from "../../shared/chat/message";
import {
  type AnswerSoFar,
  type OpenAIFinishReason,
  type OpenAIUsage,
  openAIFinishReason,
  openAIUsage,
} from "./response";

// The AI SDK's stream parts as `chat.completion.chunk` events, the way the GLM platforms stream
// them: the first delta of each answer names the role, thinking comes as `reasoning_content`, tool
// calls as `tool_calls` deltas (the name first, then the arguments in pieces where the platform
// streams them, else whole), a last chunk with the finish reason, and, when asked for, one with the
// usage and no choices. The same walk keeps what each answer said, for the non-streamed answer.

interface ToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

export interface ChunkDelta {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  tool_calls?: ToolCallDelta[];
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: { index: number; delta: ChunkDelta; finish_reason: OpenAIFinishReason | null; logprobs: null }[];
  usage?: OpenAIUsage | null;
}

export const sseEvent = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
export const SSE_DONE = "data: [DONE]\n\n";

export class ChunkMapper {
  /** What each answer said so far, by index. */
  readonly answers: AnswerSoFar[] = [];
  private readonly started = new Set<number>();
  /** Tool calls of the first answer by id: their index, and whether their arguments were sent. */
  private readonly toolCalls = new Map<string, { index: number; argumentsSent: boolean }>();

  constructor(readonly meta: { id: string; created: number; model: string }) {}

  private answer(index: number): AnswerSoFar {
    let answer = this.answers[index];
    if (!answer) {
      for (let i = this.answers.length; i <= index; i++) {
        this.answers[i] = { reasoning: "", text: "", toolCalls: [], finishReason: null };
      }
      answer = this.answers[index];
    }
    return answer;
  }

  private chunk(index: number, delta: ChunkDelta, finishReason: OpenAIFinishReason | null = null): ChatCompletionChunk {
    this.answer(index);
    const first = !this.started.has(index);
    this.started.add(index);
    return {
      id: this.meta.id,
      object: "chat.completion.chunk",
      created: this.meta.created,
      model: this.meta.model,
      choices: [
        { index, delta: first ? { role: "assistant", ...delta } : delta, finish_reason: finishReason, logprobs: null },
      ],
    };
  }

  /** The chunks one part of the first answer's stream makes (none for parts clients do not see). */
  map(part: TextStreamPart<ToolSet>): ChatCompletionChunk[] {
    switch (part.type) {
      case "text-delta":
        if (!part.text) return [];
        this.answer(0).text += part.text;
        return [this.chunk(0, { content: part.text })];
      case "reasoning-delta":
        if (!part.text) return [];
        this.answer(0).reasoning += part.text;
        return [this.chunk(0, { reasoning_content: part.text })];
      case "tool-input-start": {
        const index = this.toolCalls.size;
        this.toolCalls.set(part.id, { index, argumentsSent: false });
        this.answer(0).toolCalls[index] = {
          id: part.id,
          type: "function",
          function: { name: part.toolName, arguments: "" },
        };
        return [
          this.chunk(0, {
            tool_calls: [{ index, id: part.id, type: "function", function: { name: part.toolName, arguments: "" } }],
          }),
        ];
      }
      case "tool-input-delta": {
        const call = this.toolCalls.get(part.id);
        if (!call || !part.delta) return [];
        call.argumentsSent = true;
        this.answer(0).toolCalls[call.index].function.arguments += part.delta;
        return [this.chunk(0, { tool_calls: [{ index: call.index, function: { arguments: part.delta } }] })];
      }
      case "tool-call": {
        const seen = this.toolCalls.get(part.toolCallId);
        if (seen?.argumentsSent) return [];
        const args = JSON.stringify(part.input ?? {});
        if (seen) {
          seen.argumentsSent = true;
          this.answer(0).toolCalls[seen.index].function.arguments = args;
          return [this.chunk(0, { tool_calls: [{ index: seen.index, function: { arguments: args } }] })];
        }
        // A platform that sends the whole call at once.
        const index = this.toolCalls.size;
        this.toolCalls.set(part.toolCallId, { index, argumentsSent: true });
        const call = {
          id: part.toolCallId,
          type: "function" as const,
          function: { name: part.toolName, arguments: args },
        };
        this.answer(0).toolCalls[index] = call;
        return [this.chunk(0, { tool_calls: [{ index, ...call }] })];
      }
      case "finish": {
        const answer = this.answer(0);
        answer.finishReason = part.finishReason;
        return [this.chunk(0, {}, openAIFinishReason(part.finishReason))];
      }
      default:
        return [];
    }
  }

  /** The chunks of a delta of another answer (several asked for at once: `n`). */
  extra(index: number, delta: { reasoning?: string; text?: string; finishReason?: string }): ChatCompletionChunk[] {
    const answer = this.answer(index);
    const out: ChatCompletionChunk[] = [];
    if (delta.reasoning) {
      answer.reasoning += delta.reasoning;
      out.push(this.chunk(index, { reasoning_content: delta.reasoning }));
    }
    if (delta.text) {
      answer.text += delta.text;
      out.push(this.chunk(index, { content: delta.text }));
    }
    if (delta.finishReason) {
      answer.finishReason = delta.finishReason;
      out.push(this.chunk(index, {}, openAIFinishReason(delta.finishReason)));
    }
    return out;
  }

  /** The last chunk when the client asked for usage: all answers together, no choices. */
  usageChunk(usage: TokenUsage): ChatCompletionChunk {
    return {
      id: this.meta.id,
      object: "chat.completion.chunk",
      created: this.meta.created,
      model: this.meta.model,
      choices: [],
      usage: openAIUsage(usage),
    };
  }
}
