"use client";

import { lazy, Suspense, startTransition, useEffect, useState } from "react";
import { hasMath } from "./markdown/math-delimiters";

// The Markdown renderer (react-markdown, remark-gfm, micromark: ~35 KB gzipped) is its own chunk:
// a new chat does not load it until the first answer arrives, or until the user focuses the
// composer (preloadMarkdown), and server-rendered history shows its formatted HTML while the
// chunk hydrates. Until then, text is shown as it is. Answers with math use a second chunk with
// KaTeX; code highlighting is a third, loaded by code blocks themselves.
// This renderer runs only in the browser: when the server renders the page (client components
// included) it shows the text as it is. Markdown the server renders is decided, within limits, by
// server-markdown.tsx; without this, every answer it left to the browser was parsed on the
// server all the same, stalling it (a stored answer of 4 KB of nested list markers: 6 s).

const load = () => import("./markdown/markdown");
const Rich = lazy(() => load().then((m) => ({ default: m.Markdown })));
const RichMath = lazy(() => import("./markdown/markdown-math").then((m) => ({ default: m.MarkdownWithMath })));

export function preloadMarkdown(): void {
  void load();
}

/**
 * Whether to format the text yet: never on the server nor while the page hydrates (effects run
 * after); in the browser, once it has shown as it is for FORMAT_AFTER_MS, at a transition's
 * priority. React renders that in slices between frames and sets it aside for scrolling and
 * typing. Answers scrolled into a long conversation's view were parsed (and their math typeset)
 * within the scroll's frame: frames of up to ~150 ms flicking through 2,000 messages (npm run
 * bench). The wait spares the answers a fast scroll only passes: formatted from the next frame,
 * they were still formatted, and laid out, as they left the view.
 */
const FORMAT_AFTER_MS = 120;

function useFormatSoon(): boolean {
  const [format, setFormat] = useState(false);
  useEffect(() => {
    if (format) return;
    const timer = setTimeout(() => startTransition(() => setFormat(true)), FORMAT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [format]);
  return format;
}

export function Markdown({ text }: { text: string }) {
  const plain = <div className="markdown whitespace-pre-wrap">{text}</div>;
  if (!useFormatSoon()) return plain;
  return <Suspense fallback={plain}>{hasMath(text) ? <RichMath text={text} /> : <Rich text={text} />}</Suspense>;
}
