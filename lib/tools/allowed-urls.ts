// Which pages read_web_page may read in a turn: those whose address the user wrote in the
// conversation, and those linked from pages read during the turn. A URL the model composed itself
// (say, an attacker's address with the conversation in its query, as a fetched page or pasted
// text might instruct) is refused: the server must not become a way to send data elsewhere.

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;

function normalize(raw: string): string | undefined {
  try {
    const url = new URL(raw.replace(/[.,;:!?)\]}>'"]+$/, ""));
    url.hash = "";
    return url.href.replace(/\/$/, "");
  } catch {
    return undefined;
  }
}

export class AllowedUrls {
  private readonly urls = new Set<string>();

  constructor(texts: Iterable<string> = []) {
    for (const text of texts) this.addFromText(text);
  }

  addFromText(text: string): void {
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const url = normalize(match[0]);
      if (url) this.urls.add(url);
    }
  }

  /** The links of a page that was read (absolute, or relative to the page). */
  addLinks(html: string, base: string): void {
    for (const match of html.matchAll(/href\s*=\s*["']([^"'<>\s]{1,2000})["']/gi)) {
      try {
        const url = normalize(new URL(match[1], base).href);
        if (url && /^https?:/.test(url)) this.urls.add(url);
      } catch {
        // not a URL
      }
    }
  }

  has(raw: string): boolean {
    const url = normalize(raw);
    return url !== undefined && this.urls.has(url);
  }
}
