import type { ChatMessage, ContextFigures } from "./message";

// What the chat shows of the context the model was sent: the latest answer's, on the branch
// shown (an answer asked again, or another version, has its own).

/** The context of the branch's latest answer that recorded one (its first call's). */
export function latestContext(messages: readonly ChatMessage[]): ContextFigures | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const context = messages[i].role === "assistant" ? messages[i].metadata?.context : undefined;
    if (context) return context;
  }
  return undefined;
}

/** The first message that answer's model saw, when earlier ones were left out (the marker goes above it). */
export function firstSentId(messages: readonly ChatMessage[]): string | undefined {
  const context = latestContext(messages);
  return context && context.omitted > 0 && context.firstId ? context.firstId : undefined;
}
