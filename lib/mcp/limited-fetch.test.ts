import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitedFetch, McpResponseTooLarge } from "./limited-fetch";

// Answers of a given size, with or without Content-Length, counting what was written.
let server: Server;
let base: string;
let written = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const size = Number(url.searchParams.get("bytes"));
    if (url.searchParams.has("declared")) res.setHeader("content-length", size);
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = Buffer.alloc(16 * 1024, "a");
    let left = size;
    const pump = () => {
      while (left > 0) {
        const part = chunk.subarray(0, Math.min(left, chunk.length));
        left -= part.length;
        written += part.length;
        if (!res.write(part)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => {});
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("limitedFetch", () => {
  const limit = 64 * 1024;

  it("reads an answer within the limit as it is", async () => {
    const text = await (await limitedFetch(limit)(`${base}/?bytes=${limit}`)).text();
    expect(text).toHaveLength(limit);
  });

  it("refuses a declared oversize answer before reading it", async () => {
    const told: McpResponseTooLarge[] = [];
    const call = limitedFetch(limit, (e) => told.push(e))(`${base}/?bytes=${100 * limit}&declared`);
    await expect(call).rejects.toBeInstanceOf(McpResponseTooLarge);
    expect(told).toHaveLength(1);
  });

  it("stops reading an undeclared one at the limit", async () => {
    const told: McpResponseTooLarge[] = [];
    written = 0;
    const response = await limitedFetch(limit, (e) => told.push(e))(`${base}/?bytes=${1000 * limit}`);
    await expect(response.text()).rejects.toBeInstanceOf(McpResponseTooLarge);
    expect(told).toHaveLength(1);
    // The rest was never asked for (socket buffers aside).
    expect(written).toBeLessThan(200 * limit);
  });
});
