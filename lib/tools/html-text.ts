// The readable text of an HTML page, for a model to read: scripts, styles and markup removed,
// blocks on lines of their own, the common entities decoded. Plain, not a browser, and linear in
// the page's size whatever the page contains (a hostile page must not stall the server):
// elements to drop are cut with indexOf, and no pattern can scan past the next "<".

const MAX_HTML_CHARS = 1_000_000;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const DROPPED = ["script", "style", "noscript", "template", "svg", "head", "title"];
/** The dropped elements by the code of their initial, as "<name" and "</name". */
const DROPPED_BY_INITIAL = new Map<number, { open: string; close: string }[]>();
for (const name of DROPPED) {
  const list = DROPPED_BY_INITIAL.get(name.charCodeAt(0)) ?? [];
  list.push({ open: `<${name}`, close: `</${name}` });
  DROPPED_BY_INITIAL.set(name.charCodeAt(0), list);
}
const EXCLAMATION = 33;

/**
 * A lower-case copy in which every index is the original's: "İ".toLowerCase() is two characters
 * long, so a text with one has only A-Z lowered.
 */
export function asciiLowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    codes[i] = code >= 65 && code <= 90 ? code + 32 : code;
  }
  return new TextDecoder("utf-16le", { ignoreBOM: true }).decode(codes);
}

const ENTITY = /^(?:#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8})$/i;

/** Decodes the common named entities and numeric ones (a loop: a replace callback per entity is slow). */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp === -1) return text;
  const out: string[] = [];
  let from = 0;
  for (; amp !== -1; amp = text.indexOf("&", amp + 1)) {
    // An entity is at most 8 characters before its ";": the search stops there.
    let semi = -1;
    for (let i = amp + 2, stop = Math.min(text.length, amp + 10); i < stop; i++) {
      if (text.charCodeAt(i) === 59) {
        semi = i;
        break;
      }
    }
    if (semi === -1) continue;
    const code = text.slice(amp + 1, semi);
    if (!ENTITY.test(code)) continue;
    let value: string | undefined;
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      if (n > 0 && n < 0x110000) value = String.fromCodePoint(n);
    } else {
      value = ENTITIES[code.toLowerCase()];
    }
    if (value === undefined) continue;
    out.push(text.slice(from, amp), value);
    from = semi + 1;
  }
  out.push(text.slice(from));
  return out.join("");
}

/** Removes <name …>…</name> and <!-- … -->; an element left open drops the rest of the page. */
function dropElements(html: string, lower: string): string {
  const kept: string[] = [];
  let from = 0; // the start of the text not yet kept
  for (let next = lower.indexOf("<"); next !== -1; next = lower.indexOf("<", next + 1)) {
    // Most "<" start no dropped element: the next character tells.
    const initial = lower.charCodeAt(next + 1);
    let end: number;
    if (initial === EXCLAMATION) {
      if (!lower.startsWith("<!--", next)) continue;
      const close = lower.indexOf("-->", next + 4);
      end = close === -1 ? -1 : close + 3;
    } else {
      const element = DROPPED_BY_INITIAL.get(initial)?.find(
        ({ open }) => lower.startsWith(open, next) && !isNameCharacter(lower.charCodeAt(next + open.length)),
      );
      if (!element) continue;
      const closing = lower.indexOf(element.close, next);
      const close = closing === -1 ? -1 : lower.indexOf(">", closing);
      end = closing === -1 ? -1 : close === -1 ? html.length : close + 1;
    }
    kept.push(html.slice(from, next));
    if (end === -1) return kept.join(" ");
    from = end;
    next = end - 1;
  }
  kept.push(html.slice(from));
  return kept.join(" ");
}

/** a-z, 0-9 or "-" (lower-cased text): the name of an element goes on. */
function isNameCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
}

export function htmlToText(page: string): { title: string; text: string } {
  const html = page.slice(0, MAX_HTML_CHARS);
  const lower = asciiLowerCase(html);
  const titleStart = lower.indexOf("<title");
  const titleOpen = titleStart === -1 ? -1 : lower.indexOf(">", titleStart);
  const titleEnd = titleOpen === -1 ? -1 : lower.indexOf("</title", titleOpen);
  const title = titleEnd === -1 ? "" : decodeEntities(html.slice(titleOpen + 1, titleEnd).trim());
  const body = dropElements(html, lower)
    .replace(/<(br|hr)\b[^<>]*>/gi, "\n")
    .replace(
      /<\/?(p|div|section|article|header|footer|main|nav|li|ul|ol|h[1-6]|tr|table|pre|blockquote)\b[^<>]*>/gi,
      "\n",
    )
    .replace(/<[^<>]*>/g, " ");
  const lines: string[] = [];
  for (const line of decodeEntities(body).split("\n")) {
    const tidy = line.replace(/[ \t\f\v\r]+/g, " ").trim();
    if (tidy) lines.push(tidy);
  }
  const text = lines.join("\n");
  return { title, text };
}
