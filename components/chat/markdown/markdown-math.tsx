"use client";

import "katex/dist/katex.min.css";
import { memo } from "react";
import ReactMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { components } from "./markdown-body";
import { normalizeMathDelimiters } from "./math-delimiters";

// Markdown with LaTeX math (KaTeX, ~80 KB gzipped with its CSS): a separate chunk, loaded only
// for answers that contain math. KaTeX builds the formula's markup itself (untrusted commands
// such as \href and \htmlClass stay off: `trust` is false), and rehype-katex hands it to React
// as a syntax tree, not as an HTML string.

const rehypePlugins = [[rehypeKatex, { throwOnError: false, strict: "ignore" }]] as const;

export const MarkdownWithMath = memo(function MarkdownWithMath({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkMath, { singleDollarTextMath: false }]]}
        rehypePlugins={rehypePlugins as never}
        components={components}
      >
        {normalizeMathDelimiters(text)}
      </ReactMarkdown>
    </div>
  );
});
