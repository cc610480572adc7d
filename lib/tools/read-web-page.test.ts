import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AllowedUrls } from "./allowed-urls";
import { fetchPage } from "./fetch-page";
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
  it("refuses a page the user did not point to", async () => {
    const tool = readWebPageTool(new AllowedUrls(["Read https://example.com/a"]));
    await expect(
      tool.execute?.({ url: "https://evil.example/?d=secret" }, { toolCallId: "t", messages: [] }) as Promise<unknown>,
    ).rejects.toThrow("Only pages whose address is in the user's messages");
  });

  it.each([
    ["http://127.0.0.1/", "private or reserved"],
    ["http://localhost/", "private or reserved"],
    ["http://[::1]/", "private or reserved"],
    ["http://169.254.169.254/latest/meta-data/", "private or reserved"],
    ["http://2130706433/", "private or reserved"],
    ["http://example.com:8080/", "standard web ports"],
    ["file:///etc/passwd", "Only pages whose address"],
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
