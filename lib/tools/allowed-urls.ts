import { asciiLowerCase, decodeEntities } from "./html-text";

// Which pages read_web_page may read in a turn, and the address it then fetches:
// - an address the user wrote in the conversation (sentence punctuation after it is not part of it);
// - a link on a page read during the turn, on that page's own origin, as the page wrote it.
// The model's URL must be one of these, compared exactly (a trailing slash and the fragment aside),
// and the tool fetches the allowed form, never the model's: a URL the model composed itself (an
// attacker's address with the conversation in its query, as a fetched page or pasted text might
// instruct) is refused, so that the server cannot become a way to send data elsewhere. A page's
// links to other sites are refused too: a prompt-injected page could otherwise list a link for
// every piece of data it wants sent. Linear in the text scanned: messages and pages are hostile.

/** The longest address the tool reads (also the limit of its input). */
export const MAX_URL_CHARS = 2000;
/** Links one page may add: enough to follow a page's own navigation. */
export const MAX_LINKS_PER_PAGE = 200;
/** Addresses allowed in a turn, in all. */
const MAX_ALLOWED = 2000;
/** Addresses read from one text: each costs a URL parse. */
const MAX_URLS_PER_TEXT = 500;

// An address in text runs up to a space, a quote or an angle bracket, or full-width punctuation
// (Chinese text puts none of these around an address). Nothing follows the run in the pattern, so
// it cannot backtrack.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`，。、；：！？（）【】「」『』《》“”‘’]+/gi;
// What ends a sentence or closes brackets around an address; a closing bracket is kept when the
// address opened it (https://en.wikipedia.org/wiki/Tide_(sea)).
const TRAILING = new Set([".", ",", ";", ":", "!", "?", ")", "]", "}"]);
const OPENER: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

function count(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/** The address without the sentence punctuation written after it. */
function withoutTrailingPunctuation(raw: string): string {
  const unclosed: Record<string, number> = {};
  for (const close of Object.keys(OPENER)) unclosed[close] = count(raw, close) - count(raw, OPENER[close]);
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1])) {
    const close = raw[end - 1];
    if (close in OPENER) {
      if (unclosed[close] <= 0) break;
      unclosed[close]--;
    }
    end--;
  }
  return raw.slice(0, end);
}

/** The URL without its fragment and one trailing slash of its path: how two forms are matched. */
function looseKey(href: string): string {
  const query = href.indexOf("?");
  const path = query === -1 ? href : href.slice(0, query);
  return (path.endsWith("/") ? path.slice(0, -1) : path) + (query === -1 ? "" : href.slice(query));
}

function parseWeb(raw: string, base?: URL): URL | undefined {
  try {
    const url = new URL(raw, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url;
  } catch {
    return undefined;
  }
}

export class AllowedUrls {
  /** Allowed addresses (no fragment), as they will be fetched. */
  private readonly exact = new Set<string>();
  /** The same by looseKey, to the first allowed form. */
  private readonly loose = new Map<string, string>();

  constructor(texts: Iterable<string> = []) {
    for (const text of texts) this.addFromText(text);
  }

  addFromText(text: string): void {
    const seen = new Set<string>();
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const raw = withoutTrailingPunctuation(match[0]);
      if (raw.length > MAX_URL_CHARS || seen.has(raw)) continue;
      if (seen.size >= MAX_URLS_PER_TEXT) break;
      seen.add(raw);
      const url = parseWeb(raw);
      if (url) this.add(url);
    }
  }

  /**
   * The links of a page that was read (`pageUrl`: where it was read from, after redirects), on its
   * origin only, resolved against it; at most MAX_LINKS_PER_PAGE. Scanned with indexOf, each
   * character once; `new URL` only for values that pass the cheap checks.
   */
  addLinks(html: string, pageUrl: string): void {
    const page = parseWeb(pageUrl);
    if (!page) return;
    const origin = page.origin;
    const lower = asciiLowerCase(html);
    let added = 0;
    let parsed = 0;
    for (let at = lower.indexOf("href"); at !== -1 && added < MAX_LINKS_PER_PAGE && parsed < 4 * MAX_LINKS_PER_PAGE; ) {
      let i = skipSpaces(lower, at + 4);
      if (lower[i] !== "=") {
        at = lower.indexOf("href", i);
        continue;
      }
      i = skipSpaces(lower, i + 1);
      const quote = lower[i];
      if (quote !== '"' && quote !== "'") {
        at = lower.indexOf("href", i);
        continue;
      }
      const start = i + 1;
      const stop = Math.min(lower.length, start + MAX_URL_CHARS + 1);
      let end = start;
      while (end < stop && lower[end] !== quote) end++;
      // Too long to be a link the tool reads: the search goes on after the part looked at.
      at = lower.indexOf("href", end === stop ? stop : end + 1);
      if (end === stop) continue;
      const value = decodeEntities(html.slice(start, end)).trim();
      if (!value || value[0] === "#" || !mayBeOnOrigin(value, origin, page.protocol)) continue;
      parsed++;
      const url = parseWeb(value, page);
      if (url && url.origin === origin && url.href.length <= MAX_URL_CHARS && this.add(url)) added++;
    }
  }

  /** The allowed address to fetch for the URL the model asked for; undefined if it is not allowed. */
  resolve(requested: string): string | undefined {
    if (requested.length > MAX_URL_CHARS) return undefined;
    const url = parseWeb(requested);
    if (!url) return undefined;
    return this.exact.has(url.href) ? url.href : this.loose.get(looseKey(url.href));
  }

  private add(url: URL): boolean {
    const href = url.href;
    if (this.exact.has(href) || this.exact.size >= MAX_ALLOWED) return false;
    this.exact.add(href);
    const key = looseKey(href);
    if (!this.loose.has(key)) this.loose.set(key, href);
    return true;
  }
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (
    i < text.length &&
    (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r" || text[i] === "\f")
  )
    i++;
  return i;
}

/**
 * False for a link that plainly names another origin (a scheme or "//" host that is not the
 * page's), so that it costs no URL parse; the parsed origin is checked in any case.
 */
function mayBeOnOrigin(value: string, origin: string, protocol: string): boolean {
  const rest = (prefix: string) =>
    value.length === prefix.length || "/?#".includes(value[prefix.length])
      ? asciiLowerCase(value.slice(0, prefix.length)) === prefix
      : false;
  if (value.startsWith("//")) return rest(origin.slice(protocol.length));
  const colon = value.indexOf(":");
  const slash = value.indexOf("/");
  const hasScheme = colon > 0 && (slash === -1 || colon < slash) && /^[a-z][a-z0-9+.-]*$/i.test(value.slice(0, colon));
  return hasScheme ? rest(origin) : true;
}
