import { tool, zodSchema } from "ai";
import { z } from "zod";
import { type AllowedUrls, MAX_URL_CHARS } from "./allowed-urls";
import { FetchRefused, fetchPage } from "./fetch-page";
import { htmlToText } from "./html-text";
import { ToolError } from "./tool-error";

// Reads a public web page for the model: its title and text, at most MAX_CHARS characters.
// Private, loopback and link-local addresses are refused (fetch-page.ts), so the tool cannot be
// used to reach services inside the deployment's network.

const MAX_CHARS = 20_000;

// Wrapped once: the JSON schema sent to the platform is then built once, not on every turn.
const inputSchema = zodSchema(
  z.object({
    url: z
      .string()
      .min(1)
      .max(MAX_URL_CHARS)
      .describe("The page's full address, exactly as the user or the page wrote it, starting with https://"),
  }),
);

/**
 * The tool for one turn: it reads only the pages `allowed` lets it, at the address allowed (see
 * allowed-urls.ts). `fetch` is for tests.
 */
export function readWebPageTool(allowed: AllowedUrls, fetch: typeof fetchPage = fetchPage) {
  return tool({
    description:
      "Read a public web page (http or https) and get its title and text. Only two kinds of address can be read: one the user wrote in the conversation, or a link to the same site found on a page read in this answer. Give the address exactly as written there; an address with anything added or changed is refused.",
    inputSchema,
    execute: async ({ url }, { abortSignal }) => {
      const target = allowed.resolve(url);
      if (!target) {
        throw new ToolError(
          "This address is not allowed: only an address the user wrote in the conversation, exactly as written, or a link to the same site on a page read in this answer can be read (so that a page cannot make the model send the conversation elsewhere).",
        );
      }
      let page: Awaited<ReturnType<typeof fetchPage>>;
      try {
        page = await fetch(target, { signal: abortSignal });
      } catch (error) {
        if (error instanceof FetchRefused) throw error;
        if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
          throw new ToolError("The page did not answer within 10 seconds.");
        }
        throw new ToolError(`The page could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (page.status >= 400) throw new ToolError(`The page answered with HTTP ${page.status}.`);
      const isHtml = /html/i.test(page.contentType);
      if (!isHtml && !/^(text\/|application\/(json|xml))/i.test(page.contentType)) {
        throw new ToolError(`The page is not text (${page.contentType || "unknown type"}).`);
      }
      if (isHtml) allowed.addLinks(page.body, page.url);
      const { title, text } = isHtml ? htmlToText(page.body) : { title: "", text: page.body };
      return {
        url: page.url,
        title,
        text: text.slice(0, MAX_CHARS),
        truncated: page.truncated || text.length > MAX_CHARS,
      };
    },
  });
}
