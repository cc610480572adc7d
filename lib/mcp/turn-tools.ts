import "server-only";
import type { CallToolResult, MCPClient } from "@ai-sdk/mcp";
import { dynamicTool, jsonSchema, type Tool } from "ai";
import { guarded } from "../tools/guarded";
import { ToolError } from "../tools/tool-error";
import { connectMcp, MCP_MAX_RESPONSE_BYTES, MCP_PROBLEM_TEXT, mcpProblem } from "./client";
import { McpResponseTooLarge } from "./limited-fetch";
import { modelToolName } from "./server-schema";
import type { EnabledMcpServer } from "./servers";

// The team's MCP tools for one turn, built from the stored definitions: offering them costs no
// connection, so time to first token does not depend on the MCP servers. A server is connected
// the first time the model calls one of its tools in the turn, and closed when the turn ends.

/**
 * A tool's result as the card and the model read it: its text, or its structured content (cut,
 * like every tool's result, by lib/tools/guarded).
 */
export function resultOf(result: CallToolResult): unknown {
  if ("structuredContent" in result && result.structuredContent != null) return result.structuredContent;
  const content = "content" in result && Array.isArray(result.content) ? result.content : [];
  return content
    .map((item) => {
      if (item.type === "text") return item.text;
      if (item.type === "resource") return "text" in item.resource ? item.resource.text : `[${item.resource.uri}]`;
      return `[${item.type}]`;
    })
    .join("\n\n");
}

/** A tool may run this long; its text is kept (and resent with the conversation) up to MAX_CHARS. */
const MCP_CALL_TIMEOUT_MS = 60_000;
const MAX_CHARS = 20_000;

function capped(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n[… cut at ${MAX_CHARS} characters]` : text;
}

export function mcpTools(servers: EnabledMcpServer[], signal: AbortSignal) {
  const clients = new Map<string, Promise<MCPClient>>();
  /**
   * Per server, aborted when one of its answers is too large to read. A streamed (SSE) answer
   * would otherwise leave its call waiting for the timeout; calls in flight on that server end.
   */
  const tooLarge = new Map<string, AbortController>();
  const tooLargeOf = (server: EnabledMcpServer) => {
    let controller = tooLarge.get(server.id);
    if (!controller || controller.signal.aborted) {
      controller = new AbortController();
      tooLarge.set(server.id, controller);
    }
    return controller;
  };
  const clientOf = (server: EnabledMcpServer) => {
    let client = clients.get(server.id);
    if (!client) {
      client = connectMcp(server, signal, (error) => tooLargeOf(server).abort(error));
      clients.set(server.id, client);
      // A failed connection is retried by the next call rather than kept.
      client.catch(() => clients.delete(server.id));
    }
    return client;
  };

  const tools: Record<string, Tool> = {};
  for (const server of servers) {
    for (const definition of server.tools) {
      const inputSchema = {
        type: "object",
        ...definition.inputSchema,
        properties: definition.inputSchema.properties ?? {},
      };
      const name = modelToolName(server.name, definition.name);
      // Two tools whose names read the same to the model (get.page, get_page): the first is kept.
      if (name in tools) continue;
      tools[name] = guarded(
        dynamicTool({
          description: `${definition.description ?? definition.title ?? definition.name} (from ${server.name})`,
          inputSchema: jsonSchema(inputSchema as Parameters<typeof jsonSchema>[0]),
          needsApproval: definition.askFirst,
          execute: async (input, options) => {
            let client: MCPClient;
            try {
              client = await clientOf(server);
            } catch (error) {
              throw new ToolError(`${server.name}: ${MCP_PROBLEM_TEXT[mcpProblem(error)]}`);
            }
            const call = client.toolsFromDefinitions({
              tools: [{ name: definition.name, inputSchema: inputSchema as { type: "object" } }],
            })[definition.name];
            let result: CallToolResult;
            const oversize = tooLargeOf(server).signal;
            try {
              result = (await call.execute(input, {
                ...options,
                abortSignal: AbortSignal.any([signal, AbortSignal.timeout(MCP_CALL_TIMEOUT_MS), oversize]),
              })) as CallToolResult;
            } catch (error) {
              if (oversize.aborted || error instanceof McpResponseTooLarge) {
                const megabytes = MCP_MAX_RESPONSE_BYTES / 1024 / 1024;
                throw new ToolError(`${server.name} answered with more than ${megabytes} MB; it was not read.`);
              }
              // Transport errors carry the server's raw response: for the server log, not for users.
              console.error("mcp: tool call failed", { server: server.name, tool: definition.name, error });
              const timedOut = error instanceof Error && /timeout|aborted/i.test(`${error.name} ${error.message}`);
              throw new ToolError(
                timedOut
                  ? `${server.name} did not answer within ${MCP_CALL_TIMEOUT_MS / 1000} s.`
                  : `${server.name} could not run ${definition.name}.`,
              );
            }
            if ("isError" in result && result.isError) {
              throw new ToolError(capped(String(resultOf(result))) || `${definition.name} reported an error.`);
            }
            const output = resultOf(result);
            return typeof output === "string" ? capped(output) : output;
          },
        }),
      );
    }
  }

  return {
    tools,
    /** Closes the connections the turn opened. */
    close: async () => {
      await Promise.all(
        [...clients.values()].map((c) =>
          c.then(
            (client) => client.close(),
            () => {},
          ),
        ),
      );
    },
  };
}
