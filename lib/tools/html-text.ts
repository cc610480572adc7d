// The readable text of an HTML page, for a model to read: scripts, styles and markup removed,
// blocks on lines of their own, the common entities decoded. Plain, not a browser, and linear in
// the page's size whatever the page contains (a hostile page must not stall the server):
// elements to drop are cut with indexOf, and no pattern can scan past the next "<".

const MAX_HTML_CHARS = 1_000_000;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const DROPPED = ["script", "style", "noscript", "template", "svg", "head", "title"];

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : entity;
    }
    return ENTITIES[code.toLowerCase()] ?? entity;
  });
}

/** Removes <name …>…</name> and <!-- … -->; an element left open drops the rest of the page. */
function dropElements(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let at = 0;
  while (at < html.length) {
    const next = lower.indexOf("<", at);
    if (next === -1) {
      out += html.slice(at);
      break;
    }
    out += html.slice(at, next);
    if (lower.startsWith("<!--", next)) {
      const end = lower.indexOf("-->", next + 4);
      if (end === -1) break;
      out += " ";
      at = end + 3;
      continue;
    }
    const name = DROPPED.find(
      (n) => lower.startsWith(`<${n}`, next) && !/[a-z0-9-]/.test(lower[next + n.length + 1] ?? ""),
    );
    if (name) {
      const end = lower.indexOf(`</${name}`, next);
      if (end === -1) break;
      const close = lower.indexOf(">", end);
      out += " ";
      at = close === -1 ? html.length : close + 1;
      continue;
    }
    out += "<";
    at = next + 1;
  }
  return out;
}

export function htmlToText(page: string): { title: string; text: string } {
  const html = page.slice(0, MAX_HTML_CHARS);
  const lower = html.toLowerCase();
  const titleStart = lower.indexOf("<title");
  const titleOpen = titleStart === -1 ? -1 : lower.indexOf(">", titleStart);
  const titleEnd = titleOpen === -1 ? -1 : lower.indexOf("</title", titleOpen);
  const title = titleEnd === -1 ? "" : decode(html.slice(titleOpen + 1, titleEnd).trim());
  const body = dropElements(html)
    .replace(/<(br|hr)\b[^<>]*>/gi, "\n")
    .replace(
      /<\/?(p|div|section|article|header|footer|main|nav|li|ul|ol|h[1-6]|tr|table|pre|blockquote)\b[^<>]*>/gi,
      "\n",
    )
    .replace(/<[^<>]*>/g, " ");
  const text = decode(body)
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v\r]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
  return { title, text };
}
