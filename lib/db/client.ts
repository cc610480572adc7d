import "server-only";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { databaseConfig } from "./config";
import { PrismaClient } from "./generated/client";

// The one Prisma client, over the libSQL adapter (a local SQLite file by default, a libSQL server
// or Turso when DATABASE_URL says so). Kept on globalThis so that dev-server reloads reuse it.

function createClient() {
  return new PrismaClient({ adapter: new PrismaLibSQL(databaseConfig()) });
}

const globalForDb = globalThis as unknown as { glmChatDb?: ReturnType<typeof createClient> };

export const db = globalForDb.glmChatDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.glmChatDb = db;

export type Db = typeof db;
