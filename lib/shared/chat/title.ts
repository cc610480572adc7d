/** A conversation's title: its first message, on one line, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= 60) return line || "New chat";
  const cut = line.slice(0, 60);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 30 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The model's reply as a title: its first line, without heading marks, quotes or final punctuation. */
export function cleanTitle(text: string): string {
  const line =
    text
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  const bare = line.replace(/^(#+\s*|title\s*:\s*)/i, "").replace(/[*_`"“”'‘’]/g, "");
  // A loop, not /[\s.。!！?？:：]+$/: that pattern backtracks over every run that does not reach the end.
  let end = bare.length;
  while (end > 0 && (FINAL_PUNCTUATION.includes(bare[end - 1]) || /\s/.test(bare[end - 1]))) end--;
  return bare.slice(0, end).replace(/\s+/g, " ").slice(0, 60).trim();
}

const FINAL_PUNCTUATION = ".。!！?？:：";
