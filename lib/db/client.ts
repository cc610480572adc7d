import "server-only";
import { type Client, createClient } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { databaseConfig } from "./config";
import { PrismaClient } from "./generated/client";

// The Prisma client, over the libSQL adapter (a local SQLite file by default, a libSQL server or
// Turso when DATABASE_URL says so), and a plain libSQL client on the same database for the few
// queries on the chat's hot path, where Prisma's per-query overhead (~2 ms) would show in the
// time to first token. Both are kept on globalThis so that dev-server reloads reuse them.

// Both connect lazily: importing this module (as `next build` does) must not open a database.
function createClients() {
  const config = databaseConfig();
  let raw: Client | undefined;
  return {
    prisma: new PrismaClient({ adapter: new PrismaLibSQL(config) }),
    sql: () => {
      raw ??= hotPathClient(config);
      return raw;
    },
  };
}

/**
 * On a local file, the hot path's client keeps one connection (its work is synchronous in this
 * thread anyway) so that the connection's settings hold: in WAL mode, `synchronous = NORMAL`
 * writes the log without an fsync per commit (about 0.5 ms each, six commits a turn, blocking the
 * event loop); a crash of the app loses nothing, a power cut can lose the last commits, never the
 * file. SQLite's own advice for WAL. A libSQL server keeps its own settings.
 */
function hotPathClient(config: ReturnType<typeof databaseConfig>): Client {
  if (!config.url.startsWith("file:")) return createClient(config);
  const client = createClient({ ...config, concurrency: 1 });
  void client.execute("PRAGMA synchronous = NORMAL").catch((error) => {
    console.error("database: could not set synchronous = NORMAL", error);
  });
  return client;
}

const globalForDb = globalThis as unknown as { glmChatDb?: ReturnType<typeof createClients> };
const clients = globalForDb.glmChatDb ?? createClients();
if (process.env.NODE_ENV !== "production") globalForDb.glmChatDb = clients;

export const db = clients.prisma;
/** Raw SQL on the hot path only; everything else goes through `db`. */
export const sql: () => Client = clients.sql;
