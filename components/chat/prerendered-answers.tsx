import type { ReactNode } from "react";
import type { ChatMessage } from "@/lib/chat/message";
import { MarkdownBody } from "./markdown/markdown-body";
import { hasMath } from "./markdown/math-delimiters";

// Stored answers rendered by the server (a server component's output passed to the chat), so
// that opening a conversation does not download the Markdown renderer: it is loaded when
// something new has to be rendered (a streamed answer, another version, an answer with math).

/**
 * Per answer, per part index: its server-rendered Markdown with the text it renders (used only
 * while the part still has that text), or null where the browser renders.
 */
export type PrerenderedPart = { text: string; node: ReactNode } | null;
export type PrerenderedAnswers = Record<string, PrerenderedPart[]>;

export function prerenderAnswers(messages: ChatMessage[]): PrerenderedAnswers {
  return Object.fromEntries(
    messages
      .filter((m) => m.role === "assistant")
      .map((m) => [
        m.id,
        m.parts.map((part, i) => {
          // Parts have no ids; within a message they are only ever appended, so the index is stable.
          const key = `${m.id}-${i}`;
          return part.type === "text" && !hasMath(part.text)
            ? { text: part.text, node: <MarkdownBody key={key} text={part.text} /> }
            : null;
        }),
      ]),
  );
}
