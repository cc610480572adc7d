import type { FinishReason, TextStreamPart, ToolSet } from "ai";
import type { TokenUsage } from "../../shared/chat/message";
import { type AnthropicContentBlock, anthropicStopReason, anthropicUsage } from "./response";

// The AI SDK's stream parts as the Messages API's streamed events: `message_start`, then each
// content block (thinking, text, tool_use) as `content_block_start`, its deltas (`thinking_delta`,
// `text_delta`, `input_json_delta`) and `content_block_stop`, then `message_delta` with the stop
// reason and the usage, and `message_stop`. A block ends when another kind begins (GLM thinks,
// then answers or calls tools). Thinking blocks carry an empty signature (GLM signs nothing; a
// client sends it back, and it is not checked). The same walk keeps the blocks, for the
// non-streamed answer.

export type AnthropicEvent = { type: string } & Record<string, unknown>;

/** An event as Anthropic sends it: its type on an `event:` line, then the data. */
export const sseEvent = (event: AnthropicEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

export class EventMapper {
  /** The answer's blocks so far, in order (tool inputs parsed once complete). */
  readonly content: AnthropicContentBlock[] = [];
  finishReason: FinishReason | null = null;
  /** The block being streamed: its index in `content`, and the tool call it is, if one. */
  private open: { index: number; kind: AnthropicContentBlock["type"]; toolCallId?: string } | null = null;
  /** Tool calls by id: their block, and whether any of their input was streamed. */
  private readonly toolCalls = new Map<string, { index: number; json: string; streamed: boolean }>();

  constructor(readonly meta: { id: string; model: string }) {}

  /** The first event, before any block (the usage is known only at the end: message_delta has it). */
  start(): AnthropicEvent {
    return {
      type: "message_start",
      message: {
        id: this.meta.id,
        type: "message",
        role: "assistant",
        model: this.meta.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    };
  }

  private close(): AnthropicEvent[] {
    if (!this.open) return [];
    const { index } = this.open;
    this.open = null;
    return [{ type: "content_block_stop", index }];
  }

  private begin(block: AnthropicContentBlock, toolCallId?: string): AnthropicEvent[] {
    const events = this.close();
    const index = this.content.length;
    this.content.push(block);
    this.open = { index, kind: block.type, toolCallId };
    const shown =
      block.type === "thinking"
        ? { type: "thinking", thinking: "", signature: "" }
        : block.type === "text"
          ? { type: "text", text: "" }
          : { type: "tool_use", id: block.id, name: block.name, input: {} };
    events.push({ type: "content_block_start", index, content_block: shown });
    return events;
  }

  private delta(index: number, delta: Record<string, unknown>): AnthropicEvent {
    return { type: "content_block_delta", index, delta };
  }

  /** The events one part of the stream makes (none for parts clients do not see). */
  map(part: TextStreamPart<ToolSet>): AnthropicEvent[] {
    switch (part.type) {
      case "reasoning-delta": {
        if (!part.text) return [];
        const events =
          this.open?.kind === "thinking" ? [] : this.begin({ type: "thinking", thinking: "", signature: "" });
        const index = this.open?.index ?? 0;
        (this.content[index] as { thinking: string }).thinking += part.text;
        events.push(this.delta(index, { type: "thinking_delta", thinking: part.text }));
        return events;
      }
      case "text-delta": {
        if (!part.text) return [];
        const events = this.open?.kind === "text" ? [] : this.begin({ type: "text", text: "" });
        const index = this.open?.index ?? 0;
        (this.content[index] as { text: string }).text += part.text;
        events.push(this.delta(index, { type: "text_delta", text: part.text }));
        return events;
      }
      case "tool-input-start": {
        const events = this.begin({ type: "tool_use", id: part.id, name: part.toolName, input: {} }, part.id);
        this.toolCalls.set(part.id, { index: this.content.length - 1, json: "", streamed: false });
        return events;
      }
      case "tool-input-delta": {
        const call = this.toolCalls.get(part.id);
        if (!call || !part.delta || this.open?.toolCallId !== part.id) return [];
        call.streamed = true;
        call.json += part.delta;
        return [this.delta(call.index, { type: "input_json_delta", partial_json: part.delta })];
      }
      case "tool-call": {
        const input = part.input ?? {};
        let call = this.toolCalls.get(part.toolCallId);
        const events: AnthropicEvent[] = [];
        if (!call || this.open?.toolCallId !== part.toolCallId) {
          // A platform that sends the whole call at once (or a call whose block was closed).
          if (call?.streamed) {
            (this.content[call.index] as { input: unknown }).input = input;
            return [];
          }
          events.push(
            ...this.begin({ type: "tool_use", id: part.toolCallId, name: part.toolName, input }, part.toolCallId),
          );
          call = { index: this.content.length - 1, json: "", streamed: false };
          this.toolCalls.set(part.toolCallId, call);
        }
        (this.content[call.index] as { input: unknown }).input = input;
        if (!call.streamed) {
          call.streamed = true;
          events.push(this.delta(call.index, { type: "input_json_delta", partial_json: JSON.stringify(input) }));
        }
        events.push(...this.close());
        return events;
      }
      case "finish":
        this.finishReason = part.finishReason;
        return this.close();
      default:
        return [];
    }
  }

  /** The last events: the stop reason and the call's usage, then the end. */
  end(usage: TokenUsage): AnthropicEvent[] {
    return [
      ...this.close(),
      {
        type: "message_delta",
        delta: { stop_reason: anthropicStopReason(this.finishReason), stop_sequence: null },
        usage: anthropicUsage(usage),
      },
      { type: "message_stop" },
    ];
  }
}
