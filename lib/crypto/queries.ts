import "server-only";
import { db } from "../db/client";

// The stored secrets as the upgrade to v2 sealing reads and rewrites them (lib/crypto/reseal):
// platform keys (lib/providers) and MCP tokens (lib/mcp), each sealed for its row.

/** The platform keys and MCP tokens still sealed as v1 (lib/crypto/secret-box isLegacySealed). */
export async function findLegacySealedSecrets() {
  const legacy = { startsWith: "v1." };
  const [connections, servers] = await Promise.all([
    db.platformConnection.findMany({ where: { apiKeySealed: legacy }, select: { id: true, apiKeySealed: true } }),
    db.mcpServer.findMany({ where: { tokenSealed: legacy }, select: { id: true, tokenSealed: true } }),
  ]);
  return { connections, servers };
}

/** The connection's key rewritten, only if it still holds `from`; how many rows changed (0 or 1). */
export async function replacePlatformKey(id: string, from: string, to: string): Promise<number> {
  const { count } = await db.platformConnection.updateMany({
    where: { id, apiKeySealed: from },
    data: { apiKeySealed: to },
  });
  return count;
}

/** The server's token rewritten, only if it still holds `from`; how many rows changed (0 or 1). */
export async function replaceMcpToken(id: string, from: string, to: string): Promise<number> {
  const { count } = await db.mcpServer.updateMany({
    where: { id, tokenSealed: from },
    data: { tokenSealed: to },
  });
  return count;
}
