// What a conversation search looks for, made safe for SQLite: an FTS5 phrase for the trigram
// index (three characters or more), or a LIKE pattern for shorter text, which the index cannot
// find (every trigram index entry is three characters long). Pure, so it is tested on its own.

/** Longer searches are cut here (the search box allows as many); each character is an index lookup. */
export const MAX_SEARCH_CHARS = 200;

/** The shortest text the trigram index finds. */
export const MIN_INDEXED_CHARS = 3;

export type SearchTerms =
  /** FTS5 MATCH: one quoted phrase, so nothing the user typed is query syntax. */
  | { kind: "index"; match: string }
  /** LIKE … ESCAPE '\': the text with `%`, `_` and `\` taken literally. */
  | { kind: "scan"; like: string };

/**
 * The search for `query`, or null when there is nothing to look for. Control characters are
 * read as spaces (they cannot be typed in the search box, and FTS5 would stop at a NUL); lengths count
 * characters as the tokenizer does (code points, not UTF-16 units).
 */
export function searchTerms(query: string): SearchTerms | null {
  const chars = [...query.replace(/\p{Cc}/gu, " ").trim()].slice(0, MAX_SEARCH_CHARS);
  if (chars.length === 0) return null;
  const text = chars.join("");
  if (chars.length < MIN_INDEXED_CHARS) {
    return { kind: "scan", like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  }
  // Inside an FTS5 string a double quote is written twice; everything else (NEAR, *, ^, :, AND)
  // is plain text there.
  return { kind: "index", match: `"${text.replaceAll('"', '""')}"` };
}
