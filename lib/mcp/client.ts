import "server-only";
import { createMCPClient, type MCPClient } from "@ai-sdk/mcp";
import { boundTo, open } from "../crypto/secret-box";
import { limitedFetch, type McpResponseTooLarge } from "./limited-fetch";

// Connecting to an MCP server over Streamable HTTP, with the admin's token if any. Bounded in
// time: a server that does not answer must not hold a chat turn or an admin page.

export const MCP_TIMEOUT_MS = 15_000;
/** An answer of a server is read up to this size (lib/mcp/limited-fetch). */
export const MCP_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface McpEndpoint {
  id: string;
  name: string;
  url: string;
  tokenSealed: string | null;
}

/** `onTooLarge`: an answer of this server was over MCP_MAX_RESPONSE_BYTES (and was not read). */
export async function connectMcp(
  server: McpEndpoint,
  signal?: AbortSignal,
  onTooLarge?: (error: McpResponseTooLarge) => void,
): Promise<MCPClient> {
  const headers: Record<string, string> = {};
  if (server.tokenSealed) headers.Authorization = `Bearer ${open(server.tokenSealed, boundTo("mcpToken", server.id))}`;
  const limit = AbortSignal.timeout(MCP_TIMEOUT_MS);
  return createMCPClient({
    clientName: "glm-chat",
    transport: {
      type: "http",
      url: server.url,
      headers,
      redirect: "error",
      fetch: limitedFetch(MCP_MAX_RESPONSE_BYTES, onTooLarge),
    },
    initializationOptions: { signal: signal ? AbortSignal.any([signal, limit]) : limit },
    onUncaughtError: (error) => console.error("mcp: uncaught error", { server: server.name, error }),
  });
}

export type McpProblem = "timeout" | "refused" | "unreachable" | "error";

/** Why a server could not be reached or used (worded by the admin page in the admin's language). */
export function mcpProblem(error: unknown): McpProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out|aborted/i.test(message)) return "timeout";
  if (/401|403|unauthori[sz]ed|forbidden/i.test(message)) return "refused";
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|EAI_AGAIN/i.test(message)) return "unreachable";
  return "error";
}

/** The same, for a tool's result (read by the model as well as the user: English). */
export const MCP_PROBLEM_TEXT: Record<McpProblem, string> = {
  timeout: "The server did not answer in time.",
  refused: "The server refused the token.",
  unreachable: "The server could not be reached.",
  error: "The server answered with an error.",
};
