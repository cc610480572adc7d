import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";

// The admin's MCP servers' rows (lib/mcp/servers). A token is stored sealed for its row
// (lib/crypto/secret-box); tools are stored as JSON, as last discovered with the admin's choices.

export async function findMcpServers() {
  return db.mcpServer.findMany({ orderBy: { createdAt: "asc" } });
}

export async function findMcpServer(id: string) {
  return db.mcpServer.findUnique({ where: { id } });
}

/** The names of every server but `exceptId`. */
export async function findMcpServerNames(exceptId?: string): Promise<string[]> {
  const rows = await db.mcpServer.findMany({
    where: exceptId ? { id: { not: exceptId } } : {},
    select: { name: true },
  });
  return rows.map((r) => r.name);
}

export interface McpServerFields {
  name: string;
  url: string;
  /** Left out: the column's default for a new server, unchanged for an existing one. */
  enabled?: boolean;
  /** Only when a new token was given. */
  tokenSealed?: string;
  tokenHint?: string;
}

/** A new server, with no tools yet; false when its name was taken meanwhile. */
export async function insertMcpServer(id: string, fields: McpServerFields): Promise<boolean> {
  try {
    await db.mcpServer.create({ data: { id, ...fields, tools: [] } });
    return true;
  } catch (error) {
    // Another admin saved the same name at the same moment.
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}

/** Where the server's stored token may go: its URL, and the token if any. */
export async function findMcpServerOrigin(id: string) {
  return db.mcpServer.findUnique({ where: { id }, select: { url: true, tokenSealed: true } });
}

/** Whether the server still existed. */
export async function updateMcpServer(id: string, fields: McpServerFields): Promise<boolean> {
  return (await db.mcpServer.updateMany({ where: { id }, data: fields })).count > 0;
}

/** Whether there was such a server. */
export async function deleteMcpServer(id: string): Promise<boolean> {
  return (await db.mcpServer.deleteMany({ where: { id } })).count > 0;
}

export async function findMcpServerTools(id: string) {
  return db.mcpServer.findUnique({ where: { id }, select: { tools: true } });
}

/** The server's tools replaced; with `discoveredAt` when they were just listed by the server. */
export async function updateMcpServerTools(id: string, tools: object[], discoveredAt?: Date): Promise<void> {
  await db.mcpServer.update({
    where: { id },
    data: { tools: tools as Prisma.InputJsonValue, ...(discoveredAt && { discoveredAt }) },
  });
}

/** The enabled servers, with what a chat turn needs to reach them. */
export async function findEnabledMcpServers() {
  return db.mcpServer.findMany({
    where: { enabled: true },
    select: { id: true, name: true, url: true, tokenSealed: true, tools: true },
  });
}
