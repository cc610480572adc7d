// Where the database lives. Shared by the app and the Prisma CLI (prisma.config.ts), so it must
// not import `server-only`. Relative `file:` URLs resolve from the working directory.
export const DEFAULT_DATABASE_URL = "file:./data/glm-chat.db";

/** How long a write waits for another connection's write to finish on a local file. */
export const BUSY_TIMEOUT_MS = 5000;

export function databaseConfig(env: Record<string, string | undefined> = process.env): {
  url: string;
  authToken?: string;
  timeout?: number;
} {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const authToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
  // SQLite's default is to fail at once with SQLITE_BUSY; the app holds two connection pools
  // (Prisma's and the hot path's), so overlapping writes must wait for each other instead.
  return { url, authToken, ...(url.startsWith("file:") ? { timeout: BUSY_TIMEOUT_MS } : {}) };
}

/** The local file path behind a `file:` URL, or null for a remote libSQL server. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}
