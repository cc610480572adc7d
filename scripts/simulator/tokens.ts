// The simulator's own "tokenizer": a word (with its leading space) or a punctuation mark is one
// token. It only has to be deterministic, so that tests can compute the usage the simulator will
// report for a given request.
const TOKEN_PATTERN = /\s*[\p{L}\p{N}_']+|\s*[^\s\p{L}\p{N}_']|\s+$/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}
