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

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

export function roughTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
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
  return tokenizer.count ? tokenizer.count(text) : roughTokens(text);
}
