import "server-only";
import { randomUUID } from "node:crypto";
import { sameOrigin } from "../crypto/same-origin";
import { boundTo, maskSecret, seal } from "../crypto/secret-box";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { serverCache } from "../server-cache";
import { connectMcp, MCP_TIMEOUT_MS, type McpProblem, mcpProblem } from "./client";
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
  const rows = await db.mcpServer.findMany({ orderBy: { createdAt: "asc" } });
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
  const others = await db.mcpServer.findMany({ where: id ? { id: { not: id } } : {}, select: { name: true } });
  if (others.some((o) => serverSlug(o.name) === serverSlug(input.name))) return "name-taken";
  // The token is sealed for its row: a new server's id is made here.
  const rowId = id ?? randomUUID();
  const token = input.token
    ? { tokenSealed: seal(input.token, boundTo("mcpToken", rowId)), tokenHint: maskSecret(input.token) }
    : {};
  if (!id) {
    try {
      await db.mcpServer.create({
        data: { id: rowId, name: input.name, url: input.url, enabled: input.enabled, tools: [], ...token },
      });
    } catch (error) {
      // Another admin saved the same name at the same moment.
      if ((error as { code?: unknown }).code === "P2002") return "name-taken";
      throw error;
    }
    return "saved";
  }
  const current = await db.mcpServer.findUnique({ where: { id }, select: { url: true, tokenSealed: true } });
  if (!current) return "missing";
  // The stored token goes only where it was given for: another scheme, host or port needs it again.
  if (current.tokenSealed && !input.token && !sameOrigin(current.url, input.url)) return "token-required";
  const updated = await db.mcpServer.updateMany({
    where: { id },
    data: { name: input.name, url: input.url, enabled: input.enabled, ...token },
  });
  return updated.count === 0 ? "missing" : "saved";
}

export async function deleteMcpServer(id: string): Promise<boolean> {
  return (await db.mcpServer.deleteMany({ where: { id } })).count > 0;
}

export type DiscoverResult = { ok: true; count: number } | { ok: false; problem: McpProblem | "missing" };

/**
 * Lists the server's tools and keeps them, with the admin's earlier choices for tools that are
 * still there. New tools start disabled and "ask first".
 */
export async function discoverMcpTools(id: string): Promise<DiscoverResult> {
  const server = await db.mcpServer.findUnique({ where: { id } });
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
  await db.mcpServer.update({
    where: { id },
    data: { tools: tools as Prisma.InputJsonValue, discoveredAt: new Date() },
  });
  return { ok: true, count: tools.length };
}

export async function setMcpToolChoices(
  id: string,
  choices: Record<string, { enabled: boolean; askFirst: boolean }>,
): Promise<boolean> {
  const server = await db.mcpServer.findUnique({ where: { id }, select: { tools: true } });
  if (!server) return false;
  const tools = storedTools(server.tools).map((t) => ({ ...t, ...(choices[t.name] ?? {}) }));
  await db.mcpServer.update({ where: { id }, data: { tools: tools as Prisma.InputJsonValue } });
  return true;
}

/** What a chat turn needs: enabled servers with their enabled tools. */
export async function enabledMcpServers() {
  const rows = await db.mcpServer.findMany({
    where: { enabled: true },
    select: { id: true, name: true, url: true, tokenSealed: true, tools: true },
  });
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
