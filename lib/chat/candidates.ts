import { lfLineEnds } from "../providers/shared/line-ends";
import type { TokenUsage } from "../shared/chat/message";
import { countTokens } from "../spend/tokens";

// Several answers at once (`n` on OpenAI-compatible platforms, `numberResults` on Runware): one
// upstream call streams them interleaved. The first goes to the AI SDK as the answer;
// ExtraCandidates takes the others out of the stream before the SDK sees them (it reads only
// one), and they are saved as versions of the answer. The platform reports one usage for all of them: the prompt is
// billed once, and each answer gets the share of the output its text accounts for.

export interface Candidate {
  reasoning: string;
  text: string;
  finishReason: string | null;
}

type Json = Record<string, unknown>;

export class ExtraCandidates {
  /** Candidates after the first, by index (1, 2, …). */
  readonly others = new Map<number, Candidate>();

  /**
   * `onReasoning` sees the other candidates' thinking as it arrives (a budget may cap it);
   * `onDelta` each of their deltas (the API streams them as they come).
   */
  constructor(
    private readonly onReasoning: (text: string) => void = () => {},
    private readonly onDelta?: (
      index: number,
      delta: { reasoning?: string; text?: string; finishReason?: string },
    ) => void,
  ) {}

  /** A fetch that answers the SDK with the first candidate only, keeping the others here. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const res = await globalThis.fetch(input, init);
    if (!res.ok || !res.body) return res;
    this.others.clear(); // a retried call starts over
    const split = this.split;
    const events = new EventSplitter();
    // CRLF events would never show the blank line the splitter looks for: line ends made LF first.
    const stream = res.body
      .pipeThrough(lfLineEnds())
      .pipeThrough(new TextDecoderStream() as TransformStream<Uint8Array, string>)
      .pipeThrough(
        new TransformStream<string, string>({
          transform(text, controller) {
            for (const event of events.push(text)) {
              const kept = split(event);
              if (kept) controller.enqueue(kept);
            }
          },
          flush(controller) {
            const rest = events.rest();
            if (rest) controller.enqueue(rest);
          },
        }),
      );
    return new Response(stream.pipeThrough(new TextEncoderStream()), { status: res.status, headers: res.headers });
  };

  /** One server-sent event: unchanged, rewritten to the first candidate, or taken (null). */
  private readonly split = (event: string): string | null => {
    const data = /^data: (.*)$/m.exec(event)?.[1];
    if (!data || data === "[DONE]") return event;
    let chunk: Json;
    try {
      chunk = JSON.parse(data) as Json;
    } catch {
      return event;
    }
    // OpenAI-compatible: choices carry their index.
    if (Array.isArray(chunk.choices)) {
      const choices = chunk.choices as Json[];
      const first = choices.filter((c) => (Number(c.index) || 0) === 0);
      for (const c of choices) {
        const index = Number(c.index) || 0;
        if (index === 0) continue;
        const delta = (c.delta ?? {}) as Json;
        this.add(index, delta.reasoning_content, delta.content, c.finish_reason);
      }
      if (first.length === choices.length) return event;
      if (first.length === 0 && chunk.usage == null) return null;
      return `data: ${JSON.stringify({ ...chunk, choices: first })}\n\n`;
    }
    // Runware: each chunk names its result.
    const index = Number(chunk.resultIndex) || 0;
    if (index === 0) return event;
    const delta = (chunk.delta ?? {}) as Json;
    this.add(index, delta.reasoningContent, delta.text, chunk.finishReason);
    if (chunk.usage == null && chunk.cost == null) return null;
    // The usage for all results may come on another result's last chunk: it goes to the SDK.
    return `data: ${JSON.stringify({ ...chunk, resultIndex: 0, delta: {}, finishReason: null })}\n\n`;
  };

  private add(index: number, reasoning: unknown, text: unknown, finishReason: unknown): void {
    const candidate = this.others.get(index) ?? { reasoning: "", text: "", finishReason: null };
    if (typeof reasoning === "string") {
      candidate.reasoning += reasoning;
      this.onReasoning(reasoning);
    }
    if (typeof text === "string") candidate.text += text;
    if (typeof finishReason === "string") candidate.finishReason = finishReason;
    this.others.set(index, candidate);
    this.onDelta?.(index, {
      reasoning: typeof reasoning === "string" ? reasoning : undefined,
      text: typeof text === "string" ? text : undefined,
      finishReason: typeof finishReason === "string" ? finishReason : undefined,
    });
  }

  /** The other candidates that said something, in order. */
  answers(): Candidate[] {
    return [...this.others.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, c]) => c)
      .filter((c) => c.text.length > 0 || c.reasoning.length > 0);
  }
}

/** A single event longer than this is not a platform's: the stream fails rather than buffer it. */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * Cuts a text stream into server-sent events (each ending with a blank line) in linear time: only
 * the new text is searched (a blank line split between two chunks is caught from the pending
 * text's last character), and the pending pieces are joined once, when their event completes. An
 * upstream that sends one long event in many small pieces costs no more than a short one.
 */
export class EventSplitter {
  private pending: string[] = [];
  private pendingChars = 0;

  /** The events the text completes, each with its blank line. */
  push(text: string): string[] {
    const events: string[] = [];
    let start = 0;
    for (let end = this.eventEnd(text, 0); end >= 0; end = this.eventEnd(text, start)) {
      const piece = text.slice(start, end);
      events.push(start === 0 ? this.take() + piece : piece);
      start = end;
    }
    if (start < text.length) {
      this.pending.push(start === 0 ? text : text.slice(start));
      this.pendingChars += text.length - start;
    }
    if (this.pendingChars > MAX_EVENT_CHARS) {
      throw new Error(`an event of the platform's stream is longer than ${MAX_EVENT_CHARS} characters`);
    }
    return events;
  }

  /** What is left when the stream ends (an event without its blank line). */
  rest(): string {
    return this.take();
  }

  /** Where the event that is open at `from` ends in `text` (after its blank line); -1 if not in it. */
  private eventEnd(text: string, from: number): number {
    if (from === 0 && text.startsWith("\n") && this.pending.at(-1)?.endsWith("\n")) return 1;
    const blank = text.indexOf("\n\n", from);
    return blank < 0 ? -1 : blank + 2;
  }

  private take(): string {
    const joined = this.pending.join("");
    this.pending = [];
    this.pendingChars = 0;
    return joined;
  }
}

/**
 * The platform's usage for all candidates, shared out: the prompt (and its cache hits) to the
 * first, output and reasoning tokens in proportion to each one's text. The shares add up to the
 * platform's figures exactly; they are marked as estimates.
 */
export function shareUsage(total: TokenUsage, candidates: Pick<Candidate, "reasoning" | "text">[]): TokenUsage[] {
  const split = (amount: number, weights: number[]): number[] => {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) return weights.map((_, i) => (i === 0 ? amount : 0));
    const shares = weights.map((w) => Math.floor((amount * w) / sum));
    shares[0] += amount - shares.reduce((a, b) => a + b, 0);
    return shares;
  };
  const output = split(
    total.outputTokens,
    candidates.map((c) => countTokens(c.reasoning) + countTokens(c.text)),
  );
  const reasoning = split(
    total.reasoningTokens,
    candidates.map((c) => countTokens(c.reasoning)),
  ).map((r, i) => Math.min(r, output[i]));
  return candidates.map((_, i) => {
    const input = i === 0 ? total.inputTokens : 0;
    return {
      inputTokens: input,
      outputTokens: output[i],
      reasoningTokens: reasoning[i],
      cachedInputTokens: i === 0 ? total.cachedInputTokens : 0,
      totalTokens: input + output[i],
      estimated: candidates.length > 1 || total.estimated,
    };
  });
}
