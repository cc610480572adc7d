// Token counts we make ourselves, marked as estimates wherever they are shown or stored.
//
// - countTokens: for a stream the user stopped, or one that broke, before the platform reported
//   usage. A BPE tokenizer, OpenAI's o200k_base (gpt-tokenizer): GLM's own tokenizer (a
//   151k-token BPE) is not published as a JavaScript package, and o200k_base is the closest one
//   that is (a large vocabulary with good Chinese coverage). Loaded on first use (~130 ms, ~80 MB),
//   which happens when an answer is settled, never before a first token.
// - roughTokens: what countTokens answers before the tokenizer has loaded. Not a bound (Thai or
//   emoji make more tokens than it counts): budgets reserve by bytes (prompt-bound.ts).

type Counter = (text: string) => number;

/** Kana, CJK ideographs (and extension A, compatibility) and Hangul: about a token per character. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

export function roughTokens(text: string): number {
  if (!text) return 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) if (isCjk(text.charCodeAt(i))) cjk++;
  return cjk + Math.ceil((text.length - cjk) / 3);
}

export const TOKENIZER_NAME = "o200k_base";

// On globalThis: route handlers and server actions are bundled apart, the tokenizer loads once.
const store = globalThis as unknown as { glmChatTokenizer?: { loading?: Promise<Counter>; count?: Counter } };
store.glmChatTokenizer ??= {};
const tokenizer = store.glmChatTokenizer;

/** Loads the tokenizer once; from then on countTokens uses it. */
export async function loadTokenizer(): Promise<void> {
  tokenizer.loading ??= import("gpt-tokenizer/encoding/o200k_base").then((m) => (text: string) => m.countTokens(text));
  tokenizer.count = await tokenizer.loading;
}

/** The tokenizer's count once it is loaded (await loadTokenizer() first); the rough count before. */
export function countTokens(text: string): number {
  if (!text) return 0;
  return tokenizer.count ? inPieces(text, tokenizer.count) : roughTokens(text);
}

/**
 * The BPE's merging is quadratic in the length of one run without spaces (100,000 "中" took
 * ~160 s, on the event loop, when a stopped answer was settled), so text is counted in pieces of
 * at most PIECE_CHARS, cut before a space or line end where the piece's second half has one (the
 * tokenizer splits words there too, so the sum is the whole's count or a token or two more).
 */
const PIECE_CHARS = 1_000;

function inPieces(text: string, count: Counter): number {
  if (text.length <= PIECE_CHARS) return count(text);
  let total = 0;
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + PIECE_CHARS);
    if (end < text.length) {
      let cut = end;
      while (cut > at + PIECE_CHARS / 2 && !isSpace(text.charCodeAt(cut))) cut--;
      if (cut > at + PIECE_CHARS / 2) end = cut;
      // Never between the two halves of a surrogate pair.
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    total += count(text.slice(at, end));
    at = end;
  }
  return total;
}

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
