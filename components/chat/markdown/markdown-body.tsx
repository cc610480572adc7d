import type { Element, ElementContent } from "hast";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./code-block";
import { ImageLink } from "./image-link";

// Model output as Markdown. react-markdown builds React elements from the syntax tree and never
// injects raw HTML, so a `<script>` in the output is shown as text; its default URL filter drops
// `javascript:` links. Code blocks are highlighted by a lazy chunk (code-block.tsx); math has its
// own renderer, loaded only for answers that contain some (markdown-math.tsx). This module has no
// "use client": the server renders stored answers with its components (server-markdown.tsx, within
// limits), so that a conversation page does not ship the Markdown renderer until something new
// has to be rendered (markdown.tsx).

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

export const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // An image in model output would be fetched as soon as it renders, and its URL can carry the
  // conversation to a third party (prompt injection). Show it as a link the reader may follow.
  img: ({ src, alt }) => (typeof src === "string" && src ? <ImageLink src={src} alt={alt} /> : null),
  pre: ({ node, children }) => {
    const code = node?.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
    if (!code) return <pre>{children}</pre>;
    const classes = code.properties?.className;
    const language = (Array.isArray(classes) ? classes : [])
      .map(String)
      .find((c) => c.startsWith("language-"))
      ?.slice("language-".length);
    return <CodeBlock code={code.children.map(textOf).join("").replace(/\n$/, "")} language={language} />;
  },
};

export const remarkPlugins: Options["remarkPlugins"] = [remarkGfm];

/** The browser's renderer (markdown.tsx); no hooks, so that it also renders in tests and on the server. */
export function MarkdownBody({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
