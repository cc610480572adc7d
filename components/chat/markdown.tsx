"use client";

import { memo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

// Model output as Markdown. react-markdown builds React elements from the syntax tree and never
// injects raw HTML, so a `<script>` in the output is shown as text; its default URL filter drops
// `javascript:` links. Code highlighting and math are lazy-loaded later (issue #4).

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // An image in model output would be fetched as soon as it renders, and its URL can carry the
  // conversation to a third party (prompt injection). Show it as a link the reader may follow.
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        {alt ? `[image: ${alt}]` : "[image]"}
      </a>
    ) : null,
};

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
