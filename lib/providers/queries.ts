import "server-only";
import { db } from "../db/client";

// The platform connections admins add in the app (lib/providers/connection-admin, read for chats
// by lib/providers/connections). A key is stored sealed for its row (lib/crypto/secret-box).

/** Every stored connection, in creation order. */
export async function findConnections() {
  return db.platformConnection.findMany({ orderBy: { createdAt: "asc" } });
}

/** The enabled connections, in creation order. */
export async function findEnabledConnections() {
  return db.platformConnection.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
}

export async function findConnection(id: string) {
  return db.platformConnection.findUnique({ where: { id } });
}

/** Where the connection's stored key may go: its base URL, and the key if any. */
export async function findConnectionOrigin(id: string) {
  return db.platformConnection.findUnique({ where: { id }, select: { baseUrl: true, apiKeySealed: true } });
}

export interface ConnectionFields {
  platform: string;
  label: string;
  baseUrl: string;
  enabled: boolean;
  /** Only when a new key was typed. */
  apiKeySealed?: string;
  apiKeyHint?: string;
}

export async function insertConnection(id: string, fields: ConnectionFields): Promise<void> {
  await db.platformConnection.create({ data: { id, ...fields } });
}

export async function updateConnectionRow(id: string, fields: ConnectionFields): Promise<void> {
  await db.platformConnection.update({ where: { id }, data: fields });
}

/** Whether there was such a connection. */
export async function deleteConnectionRow(id: string): Promise<boolean> {
  return (await db.platformConnection.deleteMany({ where: { id } })).count > 0;
}
