import { prerenderToNodeStream } from "react-dom/static";
import { describe, expect, it } from "vitest";
import { Markdown } from "./lazy-markdown";

async function serverHtml(node: React.ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(node);
  let html = "";
  for await (const chunk of prelude) html += chunk;
  return html;
}

describe("the browser's Markdown renderer, rendered by the server", () => {
  it("shows the text as it is: the server does not parse it (it stalled on hostile answers)", async () => {
    const html = await serverHtml(<Markdown text={"**bold** and \\(x^2\\)"} />);
    expect(html).toContain("**bold**");
    expect(html).not.toContain("<strong>");
    expect(await serverHtml(<Markdown text="**bold**" />)).not.toContain("<strong>");
  });
});
