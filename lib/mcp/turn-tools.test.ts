import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMcpServer, type TestMcpServer } from "@/test/mcp-server";
import { MAX_TOOL_RESULT_CHARS } from "../tools/guarded";
import { ToolError } from "../tools/tool-error";
import { MCP_MAX_RESPONSE_BYTES } from "./client";
import type { EnabledMcpServer } from "./servers";
import { mcpTools } from "./turn-tools";

// An MCP server's results are bounded like every tool's: structured content is cut to what the
// model may read, and an answer too large to read is refused at once, not after the call's timeout.

let server: TestMcpServer;

beforeAll(async () => {
  server = await startTestMcpServer({ large: true });
});

afterAll(async () => {
  await server?.close();
});

function reports(): EnabledMcpServer {
  const tool = (name: string, property: string) => ({
    name,
    inputSchema: { type: "object", properties: { [property]: { type: "number" } } },
    enabled: true,
    askFirst: false,
  });
  return {
    id: "m-1",
    name: "Reports",
    url: server.url,
    tokenSealed: null,
    tools: [tool("report", "rows"), tool("flood", "bytes")],
  };
}

const options = () => ({ toolCallId: "call", messages: [] });

describe("MCP tool results", () => {
  it("keeps small structured content as it is, and cuts large structured content", async () => {
    const { tools, close } = mcpTools([reports()], new AbortController().signal);
    try {
      await expect(tools.reports__report.execute?.({ rows: 2 }, options())).resolves.toEqual({
        rows: [
          { id: 0, name: "row 0" },
          { id: 1, name: "row 1" },
        ],
      });
      const big = await tools.reports__report.execute?.({ rows: 20_000 }, options());
      expect(typeof big).toBe("string");
      expect((big as string).length).toBeLessThan(MAX_TOOL_RESULT_CHARS + 100);
      expect(big as string).toMatch(/^\{"rows":\[\{"id":0,"name":"row 0"\}/);
      expect(big as string).toMatch(/\[… cut at 32,000 characters\]$/);
    } finally {
      await close();
    }
  });

  it("refuses an answer over the byte limit at once, and the server's next answers still come", async () => {
    const { tools, close } = mcpTools([reports()], new AbortController().signal);
    try {
      const started = Date.now();
      const refused = await Promise.resolve(
        tools.reports__flood.execute?.({ bytes: MCP_MAX_RESPONSE_BYTES + 1024 }, options()),
      ).catch((error) => error);
      expect(refused).toEqual(new ToolError("Reports answered with more than 4 MB; it was not read."));
      expect(Date.now() - started).toBeLessThan(10_000);
      const text = await tools.reports__flood.execute?.({ bytes: 100 }, options());
      expect(text).toBe("a".repeat(100));
    } finally {
      await close();
    }
  });
});
