import type { ReactNode } from "react";
import { cache } from "react";
import Markdown from "react-markdown";
import { components, remarkPlugins } from "./markdown-body";

// Stored answers rendered as Markdown by the server (conversation and share pages) are parsed on
// the event loop every request shares, and micromark (react-markdown's parser) is superlinear on
// some shapes of text a model can be made to write: 20,000 characters of "a\n=\n" or of nested
// emphasis took 7-17 s, and nested block quotes overflow the stack. The server renders a text
// only if its shape bounds the parser's cost (short, few lines, few Markdown marks, shallow
// nesting on a line: the worst such text found takes ~100 ms on a busy machine, tested), and
// only until a page has spent PAGE_BUDGET_MS on Markdown. The rest is rendered by the reader's
// browser, which shows it as plain text until then.

export const SERVER_MARKDOWN_LIMITS = {
  chars: 6_000,
  lines: 150,
  /** Characters that open or close inline Markdown (emphasis, links, code, tables, autolinks…). */
  marks: 400,
  /** Quote and list markers a line starts with ("> - 1. "): how deep it nests. */
  lineMarkers: 4,
};

const PAGE_BUDGET_MS = 50;

const MARKS = new Set([..."*_~[]<>|`\\&!@"].map((c) => c.charCodeAt(0)));
const [NEWLINE, SPACE, TAB, GT, DASH, PLUS, STAR, DOT, PAREN, ZERO, NINE] = [..."\n \t>-+*.)09"].map((c) =>
  c.charCodeAt(0),
);

/** Whether the server may render this text: one pass, stopping at the first limit passed. */
export function fitsServerMarkdown(text: string): boolean {
  const limits = SERVER_MARKDOWN_LIMITS;
  if (text.length > limits.chars) return false;
  let lines = 0;
  let marks = 0;
  let markers = 0; // quote and list markers the line starts with
  let atStart = true; // still among them
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) {
      if (++lines > limits.lines) return false;
      markers = 0;
      atStart = true;
      continue;
    }
    if (MARKS.has(code) && ++marks > limits.marks) return false;
    if (!atStart || code === SPACE || code === TAB) continue;
    const length = markerLength(text, i);
    if (length === 0) atStart = false;
    else if (++markers > limits.lineMarkers) return false;
    else i += length - 1; // the digits and "." of "12." (no marks among them)
  }
  return true;
}

/** The length of the quote or list marker at `i` ("> ", "- ", "12. "), or 0. */
function markerLength(text: string, i: number): number {
  const spaceAt = (j: number) => j >= text.length || [SPACE, TAB, NEWLINE].includes(text.charCodeAt(j));
  const code = text.charCodeAt(i);
  if (code === GT) return 1;
  if ((code === DASH || code === PLUS || code === STAR) && spaceAt(i + 1)) return 1;
  let j = i;
  while (j < i + 9 && text.charCodeAt(j) >= ZERO && text.charCodeAt(j) <= NINE) j++;
  const close = text.charCodeAt(j);
  return j > i && (close === DOT || close === PAREN) && spaceAt(j + 1) ? j + 1 - i : 0;
}

/** A page's Markdown renderer: null for a text the server leaves to the browser. */
export function createServerMarkdown(
  budgetMs = PAGE_BUDGET_MS,
  now: () => number = () => performance.now(),
): (text: string) => ReactNode | null {
  let spentMs = 0;
  return (text) => {
    if (spentMs >= budgetMs || !fitsServerMarkdown(text)) return null;
    const start = now();
    // Called, not returned as an element, so that the parsing happens (and is timed) here.
    const node = <div className="markdown">{Markdown({ children: text, remarkPlugins, components })}</div>;
    spentMs += now() - start;
    return node;
  };
}

/** The renderer of the request being served (React's cache: one budget per page). */
export const serverMarkdown = cache(() => createServerMarkdown());
