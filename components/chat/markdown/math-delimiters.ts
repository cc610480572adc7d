// GLM models often write LaTeX with \( … \) and \[ … \]; remark-math reads $$ … $$ (inline when on
// one line, a block otherwise). Outside code (fenced blocks and inline code spans) the former
// become the latter. Single dollars are left alone: "$5 and $6" is a pair of prices, not math.

const FENCE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/g;
const LATEX = /[\\^_{}=]|\s[+\-*/<>]\s/;

export function normalizeMathDelimiters(text: string): string {
  return text
    .split(FENCE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            // Only LaTeX-looking content: "\[1\]" is an escaped footnote mark, not math.
            .replace(/\\\[([\s\S]+?)\\\]/g, (m, body: string) => (LATEX.test(body) ? `\n$$\n${body.trim()}\n$$\n` : m))
            .replace(/\\\(([\s\S]+?)\\\)/g, (_m, body: string) => `$$${body.trim()}$$`),
    )
    .join("");
}

/** Whether a text has math worth loading the math renderer for. */
export function hasMath(text: string): boolean {
  return /\$\$|\\\[|\\\(/.test(text);
}
