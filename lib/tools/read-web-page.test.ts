import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AllowedUrls } from "./allowed-urls";
import { type FetchedPage, fetchPage } from "./fetch-page";
import { htmlToText } from "./html-text";
import { readWebPageTool } from "./read-web-page";

// The tool refuses anything that is not a public web page; the fetcher, pointed at a local
// server through an injected resolver, reads pages within its limits.

const run = (url: string) =>
  readWebPageTool(new AllowedUrls([url])).execute?.({ url }, { toolCallId: "t", messages: [] }) as unknown as Promise<
    Record<string, unknown>
  >;

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/redirect-inside") {
      res.writeHead(302, { location: "http://127.0.0.1:9/secret" });
      res.end();
      return;
    }
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(3_000_000));
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      "<html><head><title>Tides &amp; moons</title><script>evil()</script></head><body><h1>Tides</h1><p>The moon&#39;s pull.</p></body></html>",
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

describe("read_web_page", () => {
  /** The tool over pages served from memory: it records what it fetched. */
  function withPages(texts: string[], pages: Record<string, { finalUrl?: string; html: string }>) {
    const fetched: string[] = [];
    const fake = async (url: string): Promise<FetchedPage> => {
      fetched.push(url);
      const page = pages[url];
      if (!page) throw new Error(`no page at ${url}`);
      return { url: page.finalUrl ?? url, status: 200, contentType: "text/html", body: page.html, truncated: false };
    };
    const tool = readWebPageTool(new AllowedUrls(texts), fake);
    const read = (url: string) =>
      tool.execute?.({ url }, { toolCallId: "t", messages: [] }) as unknown as Promise<{ url: string; text: string }>;
    return { read, fetched };
  }

  it("refuses a page the user did not point to, and an allowed address with a query added", async () => {
    const { read, fetched } = withPages(["Read https://evil.example/a"], {});
    await expect(read("https://evil.example/?d=secret")).rejects.toThrow("This address is not allowed");
    await expect(read("https://evil.example/a?.;!?).,:")).rejects.toThrow("This address is not allowed");
    expect(fetched).toEqual([]);
  });

  it("fetches the address as the user wrote it, whatever slash or fragment the model added", async () => {
    const { read, fetched } = withPages(["Summarise https://x.example/a."], {
      "https://x.example/a": { html: "<p>Tides</p>" },
    });
    expect(await read("https://x.example/a/#top")).toMatchObject({ text: "Tides" });
    expect(fetched).toEqual(["https://x.example/a"]);
  });

  it("then reads links on the origin the page was read from, and no others", async () => {
    const { read, fetched } = withPages(["https://x.example/a"], {
      "https://x.example/a": {
        finalUrl: "https://www.x.example/start",
        html: '<a href="/next">next</a> <a href="https://x.example/b">b</a> <a href="https://evil.example/c">c</a>',
      },
      "https://www.x.example/next": { html: "<p>Next</p>" },
    });
    await read("https://x.example/a");
    expect(await read("https://www.x.example/next")).toMatchObject({ text: "Next" });
    await expect(read("https://x.example/b")).rejects.toThrow("This address is not allowed");
    await expect(read("https://evil.example/c")).rejects.toThrow("This address is not allowed");
    expect(fetched).toEqual(["https://x.example/a", "https://www.x.example/next"]);
  });

  it.each([
    ["http://127.0.0.1/", "private or reserved"],
    ["http://localhost/", "private or reserved"],
    ["http://[::1]/", "private or reserved"],
    ["http://169.254.169.254/latest/meta-data/", "private or reserved"],
    ["http://2130706433/", "private or reserved"],
    ["http://example.com:8080/", "standard web ports"],
    ["file:///etc/passwd", "This address is not allowed"],
    ["https://user:pw@example.com/", "credentials"],
  ])("refuses %s", async (url, reason) => {
    await expect(run(url)).rejects.toThrow(reason);
  });
});

describe("fetchPage", () => {
  // A resolver that sends every name to the local test server (the real one refuses it).
  const toLocal = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4)) as never;

  it("reads a page; its text has no scripts or markup", async () => {
    const page = await fetchPage(`http://pages.test:${port}/`, { lookup: toLocal, anyPort: true });
    expect(page.status).toBe(200);
    expect(htmlToText(page.body)).toEqual({ title: "Tides & moons", text: "Tides\nThe moon's pull." });
  });

  it("refuses a redirect to a private address", async () => {
    await expect(
      fetchPage(`http://pages.test:${port}/redirect-inside`, { lookup: toLocal, anyPort: true }),
    ).rejects.toThrow("private or reserved");
  });

  it("stops reading at 2 MB and says the page was cut", async () => {
    const page = await fetchPage(`http://pages.test:${port}/big`, { lookup: toLocal, anyPort: true });
    expect(page.body.length).toBe(2_000_000);
    expect(page.truncated).toBe(true);
  });

  it("with the real resolver, refuses a name that resolves to this machine", async () => {
    await expect(fetchPage(`http://localhost:${port}/`, { anyPort: true })).rejects.toThrow("private or reserved");
  });
});
