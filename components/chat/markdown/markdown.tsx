"use client";

import { memo } from "react";
import { MarkdownBody } from "./markdown-body";

// The browser's Markdown renderer (its own lazy chunk, see lazy-markdown.tsx), for answers that
// stream in or were not rendered by the server.

export const Markdown = memo(MarkdownBody);
