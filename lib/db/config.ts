// Where the database lives. Shared by the app and the Prisma CLI (prisma.config.ts), so it must
// not import `server-only`. Relative `file:` URLs resolve from the working directory.
export const DEFAULT_DATABASE_URL = "file:./data/glm-chat.db";

export function databaseConfig(env: Record<string, string | undefined> = process.env): {
  url: string;
  authToken?: string;
} {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const authToken = env.DATABASE_AUTH_TOKEN?.trim() || undefined;
  return { url, authToken };
}

/** The local file path behind a `file:` URL, or null for a remote libSQL server. */
export function localDatabasePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}
