import type { ReactNode } from "react";
import type { ChatMessage } from "@/lib/shared/chat/message";
import { hasMath } from "./markdown/math-delimiters";
import { serverMarkdown } from "./markdown/server-markdown";

// Stored answers rendered by the server (a server component's output passed to the chat), so
// that opening a conversation does not download the Markdown renderer: it is loaded when
// something new has to be rendered (a streamed answer, another version, an answer with math, an
// answer the server leaves to the browser because of its size or shape: server-markdown.tsx).

/**
 * Per answer, per part index: its server-rendered Markdown with the text it renders (used only
 * while the part still has that text), or null where the browser renders.
 */
export type PrerenderedPart = { text: string; node: ReactNode } | null;
export type PrerenderedAnswers = Record<string, PrerenderedPart[]>;

export function prerenderAnswers(messages: ChatMessage[]): PrerenderedAnswers {
  const render = serverMarkdown();
  // Newest first: the page opens at the end of the conversation, so that is what the server's
  // time for Markdown goes to.
  const answers = messages.filter((m) => m.role === "assistant").reverse();
  return Object.fromEntries(
    answers.map((m) => [
      m.id,
      // Parts have no ids; within a message they are only ever appended, so the index is stable.
      m.parts.map((part) => {
        if (part.type !== "text" || hasMath(part.text)) return null;
        const node = render(part.text);
        return node ? { text: part.text, node } : null;
      }),
    ]),
  );
}
