import { tool } from "ai";
import { z } from "zod";
import { FetchRefused, fetchPage } from "./fetch-page";
import { htmlToText } from "./html-text";

// Reads a public web page for the model: its title and text, at most MAX_CHARS characters.
// Private, loopback and link-local addresses are refused (fetch-page.ts), so the tool cannot be
// used to reach services inside the deployment's network.

const MAX_CHARS = 20_000;

export const readWebPage = tool({
  description:
    "Read a public web page (http or https) and get its title and text. Use it when the user gives a URL or the answer needs a page's current content.",
  inputSchema: z.object({ url: z.string().min(1).max(2000).describe("The page's full URL, starting with https://") }),
  execute: async ({ url }, { abortSignal }) => {
    let page: Awaited<ReturnType<typeof fetchPage>>;
    try {
      page = await fetchPage(url, { signal: abortSignal });
    } catch (error) {
      if (error instanceof FetchRefused) throw error;
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
        throw new Error("The page did not answer within 10 seconds.");
      }
      throw new Error(`The page could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (page.status >= 400) throw new Error(`The page answered with HTTP ${page.status}.`);
    const isHtml = /html/i.test(page.contentType);
    if (!isHtml && !/^(text\/|application\/(json|xml))/i.test(page.contentType)) {
      throw new Error(`The page is not text (${page.contentType || "unknown type"}).`);
    }
    const { title, text } = isHtml ? htmlToText(page.body) : { title: "", text: page.body };
    return {
      url: page.url,
      title,
      text: text.slice(0, MAX_CHARS),
      truncated: page.truncated || text.length > MAX_CHARS,
    };
  },
});
