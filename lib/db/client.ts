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
      raw ??= createClient(config);
      return raw;
    },
  };
}

const globalForDb = globalThis as unknown as { glmChatDb?: ReturnType<typeof createClients> };
const clients = globalForDb.glmChatDb ?? createClients();
if (process.env.NODE_ENV !== "production") globalForDb.glmChatDb = clients;

export const db = clients.prisma;
/** Raw SQL on the hot path only; everything else goes through `db`. */
export const sql: () => Client = clients.sql;
