"use client";

import { lazy, Suspense } from "react";
import { hasMath } from "./markdown/math-delimiters";

// The Markdown renderer (react-markdown, remark-gfm, micromark: ~35 KB gzipped) is its own chunk:
// a new chat does not load it until the first answer arrives, or until the user focuses the
// composer (preloadMarkdown), and server-rendered history shows its formatted HTML while the
// chunk hydrates. Until then, text is shown as it is. Answers with math use a second chunk with
// KaTeX; code highlighting is a third, loaded by code blocks themselves.

const load = () => import("./markdown/markdown");
const Rich = lazy(() => load().then((m) => ({ default: m.Markdown })));
const RichMath = lazy(() => import("./markdown/markdown-math").then((m) => ({ default: m.MarkdownWithMath })));

export function preloadMarkdown(): void {
  void load();
}

export function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="markdown whitespace-pre-wrap">{text}</div>}>
      {hasMath(text) ? <RichMath text={text} /> : <Rich text={text} />}
    </Suspense>
  );
}
