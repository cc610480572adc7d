import "server-only";
import { randomUUID } from "node:crypto";
import { sameOrigin } from "../crypto/same-origin";
import { boundTo, maskSecret, seal } from "../crypto/secret-box";
import { serverCache } from "../server-cache";
import { connectMcp, MCP_TIMEOUT_MS, type McpProblem, mcpProblem } from "./client";
import {
  findEnabledMcpServers,
  findMcpServer,
  findMcpServerNames,
  findMcpServerOrigin,
  findMcpServers,
  findMcpServerTools,
  insertMcpServer,
  updateMcpServer,
  updateMcpServerTools,
} from "./queries";
import {
  type McpServerInput,
  type McpTool,
  mcpToolSchema,
  mcpToolsSchema,
  modelToolName,
  serverSlug,
} from "./server-schema";

// The admin's MCP servers: stored, discovered (their tools listed once and kept), and the tools
// the team may use. Callers (server actions) check the admin first.

export interface McpServerRow {
  id: string;
  name: string;
  url: string;
  tokenHint: string | null;
  enabled: boolean;
  tools: (McpTool & { modelName: string })[];
  discoveredAt: Date | null;
}

/** Stored tools that no longer parse (a schema change) are dropped rather than offered broken. */
function storedTools(value: unknown): McpTool[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t) => {
    const parsed = mcpToolSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function mcpServerRows(): Promise<McpServerRow[]> {
  const rows = await findMcpServers();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    url: r.url,
    tokenHint: r.tokenHint,
    enabled: r.enabled,
    tools: storedTools(r.tools).map((t) => ({ ...t, modelName: modelToolName(r.name, t.name) })),
    discoveredAt: r.discoveredAt,
  }));
}

export type SaveResult = "saved" | "missing" | "name-taken" | "token-required";

export async function saveMcpServer(id: string | undefined, input: McpServerInput): Promise<SaveResult> {
  const others = await findMcpServerNames(id);
  if (others.some((name) => serverSlug(name) === serverSlug(input.name))) return "name-taken";
  // The token is sealed for its row: a new server's id is made here.
  const rowId = id ?? randomUUID();
  const token = input.token
    ? { tokenSealed: seal(input.token, boundTo("mcpToken", rowId)), tokenHint: maskSecret(input.token) }
    : {};
  const fields = { name: input.name, url: input.url, enabled: input.enabled, ...token };
  // Another admin may save the same name at the same moment: the name is taken then.
  if (!id) return (await insertMcpServer(rowId, fields)) ? "saved" : "name-taken";
  const current = await findMcpServerOrigin(id);
  if (!current) return "missing";
  // The stored token goes only where it was given for: another scheme, host or port needs it again.
  if (current.tokenSealed && !input.token && !sameOrigin(current.url, input.url)) return "token-required";
  return (await updateMcpServer(id, fields)) ? "saved" : "missing";
}

export type DiscoverResult = { ok: true; count: number } | { ok: false; problem: McpProblem | "missing" };

/**
 * Lists the server's tools and keeps them, with the admin's earlier choices for tools that are
 * still there. New tools start disabled and "ask first".
 */
export async function discoverMcpTools(id: string): Promise<DiscoverResult> {
  const server = await findMcpServer(id);
  if (!server) return { ok: false, problem: "missing" };
  let listed: { name: string; title?: string; description?: string; inputSchema: Record<string, unknown> }[];
  try {
    const client = await connectMcp(server);
    try {
      listed = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools({
          params: cursor ? { cursor } : undefined,
          options: { timeout: MCP_TIMEOUT_MS },
        });
        listed.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor && listed.length < 500);
    } finally {
      await client.close().catch(() => {});
    }
  } catch (error) {
    console.error("mcp: discovery failed", { server: server.name, error });
    return { ok: false, problem: mcpProblem(error) };
  }
  const before = new Map(storedTools(server.tools).map((t) => [t.name, t]));
  const tools = mcpToolsSchema.parse(
    listed.map((t) => ({
      name: t.name,
      title: t.title?.slice(0, 200),
      description: t.description?.slice(0, 4000),
      inputSchema: t.inputSchema,
      enabled: before.get(t.name)?.enabled ?? false,
      askFirst: before.get(t.name)?.askFirst ?? true,
    })),
  );
  await updateMcpServerTools(id, tools, new Date());
  return { ok: true, count: tools.length };
}

export async function setMcpToolChoices(
  id: string,
  choices: Record<string, { enabled: boolean; askFirst: boolean }>,
): Promise<boolean> {
  const server = await findMcpServerTools(id);
  if (!server) return false;
  const tools = storedTools(server.tools).map((t) => ({ ...t, ...(choices[t.name] ?? {}) }));
  await updateMcpServerTools(id, tools);
  return true;
}

/** What a chat turn needs: enabled servers with their enabled tools. */
export async function enabledMcpServers() {
  const rows = await findEnabledMcpServers();
  return rows
    .map((r) => ({ ...r, tools: storedTools(r.tools).filter((t) => t.enabled) }))
    .filter((r) => r.tools.length > 0);
}
export type EnabledMcpServer = Awaited<ReturnType<typeof enabledMcpServers>>[number];

// A chat turn reads the servers from memory: they change only when an admin edits them (which
// clears the copy at once); other instances pick the change up within 15 s.
const servers = serverCache("mcp-servers", 15_000, enabledMcpServers);

export function cachedMcpServers(): Promise<EnabledMcpServer[]> {
  return servers.get();
}

export function forgetMcpServers(): void {
  servers.forget();
}
