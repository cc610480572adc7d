import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { PrismaConfig } from "prisma";
import { DEFAULT_DATABASE_URL, databaseConfig } from "./lib/db/config";

// The schema's `url = env("DATABASE_URL")` must resolve for the CLI to read the schema at all
// (otherwise it falls back to downloading a native query engine). The adapter below is what
// actually connects, with the same default.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

// The CLI (migrate, studio) talks to the same database through the same libSQL adapter the app
// uses, so a local file, a libSQL server and Turso share one code path. Keep this file at the
// root: elsewhere the CLI falls back to downloading a native engine.
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaLibSQL(databaseConfig());
  },
} satisfies PrismaConfig;
