// GLM models often write LaTeX with \( … \) and \[ … \]; remark-math reads $$ … $$ (inline when on
// one line, a block otherwise). Outside code (fenced blocks and inline code spans) the former
// become the latter. Single dollars are left alone: "$5 and $6" is a pair of prices, not math.
// Linear in the text (model output, rendered in the browser): pairs are found with indexOf, as a
// lazy pattern would find them, without rescanning the rest of the text for every opener.

const FENCE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/g;
const LATEX = /[\\^_{}=]|\s[+\-*/<>]\s/;

/**
 * Each `open` … `close` with something between (as /open([\s\S]+?)close/g would match them),
 * replaced by what `replace` makes of its body.
 */
function replacePairs(text: string, open: string, close: string, replace: (body: string, pair: string) => string) {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open, from)) {
    const end = text.indexOf(close, at + open.length + 1);
    // No closer after this opener means none after any later one either.
    if (end === -1) break;
    out.push(text.slice(from, at), replace(text.slice(at + open.length, end), text.slice(at, end + close.length)));
    from = end + close.length;
  }
  out.push(text.slice(from));
  return out.join("");
}

export function normalizeMathDelimiters(text: string): string {
  return text
    .split(FENCE)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      // Only LaTeX-looking content: "\[1\]" is an escaped footnote mark, not math.
      const blocks = replacePairs(part, "\\[", "\\]", (body, pair) =>
        LATEX.test(body) ? `\n$$\n${body.trim()}\n$$\n` : pair,
      );
      return replacePairs(blocks, "\\(", "\\)", (body) => `$$${body.trim()}$$`);
    })
    .join("");
}

/** Whether a text has math worth loading the math renderer for. */
export function hasMath(text: string): boolean {
  return text.includes("$$") || text.includes("\\[") || text.includes("\\(");
}
