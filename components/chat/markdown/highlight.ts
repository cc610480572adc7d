import { createHighlighterCore, type HighlighterCore, type ThemedToken } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

// Syntax highlighting for code blocks, loaded only when an answer has one: shiki's core with its
// JavaScript regex engine (no WebAssembly) and each language's grammar fetched the first time a
// block in that language appears. Tokens are rendered as React elements (code-block.tsx), never
// as HTML strings. The grammars' patterns are slow on long lines (one line of 20,000 "a" took 38 s
// to tokenize as JavaScript; 50 lines of 1,000, 4 s): longer lines are left uncoloured, and a
// block of more than MAX_CODE_CHARS is not highlighted at all.

const LANGUAGES: Record<string, () => Promise<unknown>> = {
  javascript: () => import("shiki/langs/javascript.mjs"),
  typescript: () => import("shiki/langs/typescript.mjs"),
  tsx: () => import("shiki/langs/tsx.mjs"),
  jsx: () => import("shiki/langs/jsx.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  bash: () => import("shiki/langs/bash.mjs"),
  json: () => import("shiki/langs/json.mjs"),
  html: () => import("shiki/langs/html.mjs"),
  css: () => import("shiki/langs/css.mjs"),
  sql: () => import("shiki/langs/sql.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  rust: () => import("shiki/langs/rust.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  c: () => import("shiki/langs/c.mjs"),
  cpp: () => import("shiki/langs/cpp.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  diff: () => import("shiki/langs/diff.mjs"),
};

const ALIASES: Record<string, string> = {
  js: "javascript",
  mjs: "javascript",
  ts: "typescript",
  py: "python",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  yml: "yaml",
  md: "markdown",
  "c++": "cpp",
  golang: "go",
  rs: "rust",
};

export function languageOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  const id = ALIASES[lower] ?? lower;
  return id in LANGUAGES ? id : undefined;
}

const MAX_CODE_CHARS = 20_000;
const MAX_LINE_CHARS = 400;

let highlighter: Promise<HighlighterCore> | undefined;
const loaded = new Map<string, Promise<void>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** Lines of tokens, each with its light colour and (as --shiki-dark) its dark one; null if unknown. */
export async function highlight(code: string, language: string | undefined): Promise<ThemedToken[][] | null> {
  const lang = languageOf(language);
  if (!lang || code.length > MAX_CODE_CHARS) return null;
  const core = await getHighlighter();
  let ready = loaded.get(lang);
  if (!ready) {
    ready = LANGUAGES[lang]().then((grammar) => core.loadLanguage(grammar as never));
    loaded.set(lang, ready);
  }
  await ready;
  return core.codeToTokens(code, {
    lang,
    themes: { light: "github-light", dark: "github-dark" },
    tokenizeMaxLineLength: MAX_LINE_CHARS,
    tokenizeTimeLimit: 50,
  }).tokens;
}
