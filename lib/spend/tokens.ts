// A rough token count for when a platform reports none (a stream the user stopped, or one that
// broke). Marked as an estimate wherever it is shown or stored. CJK text runs about one token
// per character in GLM's tokenizer; other text about four characters per token.
// Issue #5 replaces this with a tokenizer-based count.

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.length - cjk;
  return cjk + Math.ceil(rest / 4);
}
