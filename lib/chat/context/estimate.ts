// How many tokens a text makes, estimated before sending, to fit a conversation to a model's
// context window (./fit.ts). Not prompt-bound.ts's bytes: a bound that safe would fill a quarter
// of the window with English. Not the tokenizer (lib/spend/tokens.ts): it loads in ~130 ms and is
// kept off the path to the first token. A single linear pass that errs high, as a byte-level BPE
// cuts text: a run of letters is a token per 4 characters (per 3 with digits, which BPEs split in
// threes), each punctuation mark one, a run of spaces one per 4 beyond the first (which joins the
// next word), and each character outside ASCII one, CJK or not (Cyrillic, Thai and emoji take one
// or more; a surrogate pair counts two). Whatever the platform's tokenizer makes more of (rare
// scripts, long random strings) is caught by its refusal, worded for the user (upstream-errors).

const isWordChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export function estimateTokens(text: string): number {
  let tokens = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      let digits = false;
      const start = i;
      while (i < n && isWordChar(text.charCodeAt(i))) {
        if (isDigit(text.charCodeAt(i))) digits = true;
        i++;
      }
      tokens += Math.ceil((i - start) / (digits ? 3 : 4));
    } else if (isSpace(c)) {
      const start = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      tokens += Math.ceil((i - start - 1) / 4);
    } else {
      // Punctuation, symbols, and every UTF-16 unit outside ASCII.
      tokens++;
      i++;
    }
  }
  return tokens;
}
