import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

// A small MCP server (Streamable HTTP, stateless) for tests, built with the protocol's official
// SDK so that the app is tested against a real implementation: an order lookup, an adder, and a
// tool that always fails. With a token, requests without it get 401. With `large`, two more tools
// answer as much as asked: structured rows, and plain text of a given size. With `hugeResultBytes`,
// also a tool whose result is that big (structuredContent), as a hostile or careless server's can be.

export interface TestMcpServer {
  url: string;
  /** Tool calls received, in order. */
  calls: { name: string; args: unknown }[];
  close: () => Promise<void>;
}

function mcpServer(calls: TestMcpServer["calls"], large: boolean, hugeResultBytes?: number): McpServer {
  const server = new McpServer({ name: "glm-chat-test-mcp", version: "1.0.0" });
  if (hugeResultBytes) {
    server.registerTool(
      "huge_result",
      { description: "Returns a very large result.", inputSchema: { topic: z.string() } },
      async ({ topic }) => {
        calls.push({ name: "huge_result", args: { topic } });
        const rows = Array.from({ length: Math.ceil(hugeResultBytes / 100) }, (_, i) => ({ i, text: "x".repeat(88) }));
        return { content: [{ type: "text", text: `${rows.length} rows about ${topic}` }], structuredContent: { rows } };
      },
    );
  }
  server.registerTool(
    "lookup_order",
    {
      description: "Looks up an order by its id and says where it is.",
      inputSchema: { orderId: z.string().describe("The order id, e.g. A-42") },
    },
    async ({ orderId }) => {
      calls.push({ name: "lookup_order", args: { orderId } });
      return { content: [{ type: "text", text: `Order ${orderId} shipped on 2026-11-20 and arrives tomorrow.` }] };
    },
  );
  server.registerTool(
    "add",
    { description: "Adds two numbers.", inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => {
      calls.push({ name: "add", args: { a, b } });
      return { content: [{ type: "text", text: String(a + b) }] };
    },
  );
  server.registerTool(
    "broken",
    { description: "Always fails.", inputSchema: { reason: z.string() } },
    async ({ reason }) => {
      calls.push({ name: "broken", args: { reason } });
      return { isError: true, content: [{ type: "text", text: `The inventory database is down (${reason}).` }] };
    },
  );
  if (large) {
    server.registerTool(
      "report",
      { description: "Rows of a report, as structured content.", inputSchema: { rows: z.number().int() } },
      async ({ rows }) => {
        calls.push({ name: "report", args: { rows } });
        const structured = { rows: Array.from({ length: rows }, (_, i) => ({ id: i, name: `row ${i}` })) };
        return { content: [{ type: "text", text: `${rows} rows` }], structuredContent: structured };
      },
    );
    server.registerTool(
      "flood",
      { description: "Text of the given size.", inputSchema: { bytes: z.number().int() } },
      async ({ bytes }) => {
        calls.push({ name: "flood", args: { bytes } });
        return { content: [{ type: "text", text: "a".repeat(bytes) }] };
      },
    );
  }
  return server;
}

export async function startTestMcpServer({
  token,
  port = 0,
  large = false,
  hugeResultBytes,
}: {
  token?: string;
  port?: number;
  large?: boolean;
  hugeResultBytes?: number;
} = {}): Promise<TestMcpServer> {
  const calls: TestMcpServer["calls"] = [];
  const http: Server = createServer(async (req, res) => {
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
      return;
    }
    if (!req.url?.startsWith("/mcp")) {
      res.writeHead(404).end();
      return;
    }
    // Stateless: a server and transport per request, as the SDK's examples do.
    const server = mcpServer(calls, large, hugeResultBytes);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/mcp`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
