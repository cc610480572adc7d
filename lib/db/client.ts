import "server-only";
import { createClient } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { BUSY_TIMEOUT_MS, databaseConfig, localDatabasePath } from "./config";
import { PrismaClient } from "./generated/client";
import { type HotPathSql, localSql } from "./local-sql";

// The Prisma client, over the libSQL adapter (a local SQLite file by default, a libSQL server or
// Turso when DATABASE_URL says so), and plain SQL on the same database for the few queries on
// the chat's hot path, where Prisma's per-query overhead (~2 ms) would show in the time to first
// token (local-sql.ts on a local file, @libsql/client on a server). Both are kept on globalThis so that dev-server reloads reuse them.

// Both connect lazily: importing this module (as `next build` does) must not open a database.
function createClients() {
  const config = databaseConfig();
  let raw: HotPathSql | undefined;
  return {
    prisma: new PrismaClient({ adapter: new PrismaLibSQL(config) }),
    sql: () => {
      raw ??= hotPathClient(config);
      return raw;
    },
  };
}

/** A local file's hot path runs on its own prepared statements (local-sql.ts). */
function hotPathClient(config: ReturnType<typeof databaseConfig>): HotPathSql {
  const file = localDatabasePath(config.url);
  return file ? localSql(file, { timeoutMs: config.timeout ?? BUSY_TIMEOUT_MS }) : createClient(config);
}

const globalForDb = globalThis as unknown as { glmChatDb?: ReturnType<typeof createClients> };
const clients = globalForDb.glmChatDb ?? createClients();
if (process.env.NODE_ENV !== "production") globalForDb.glmChatDb = clients;

export const db = clients.prisma;
/** Raw SQL on the hot path only; everything else goes through `db`. */
export const sql: () => HotPathSql = clients.sql;
