"use client";

import { lazy, Suspense } from "react";

// The Markdown renderer (react-markdown, remark-gfm, micromark: ~35 KB gzipped) is its own chunk:
// a new chat does not load it until the first answer arrives, or until the user focuses the
// composer (preloadMarkdown), and server-rendered history shows its formatted HTML while the
// chunk hydrates. Until then, text is shown as it is.

const load = () => import("./markdown");
const Rich = lazy(() => load().then((m) => ({ default: m.Markdown })));

export function preloadMarkdown(): void {
  void load();
}

export function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="markdown whitespace-pre-wrap">{text}</div>}>
      <Rich text={text} />
    </Suspense>
  );
}
