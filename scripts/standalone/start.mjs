// The Docker image's entry point, next to Next.js's standalone server.js: applies the
// migrations to the database (a local file under /app/data by default, or a libSQL / Turso
// server), puts a local file in WAL mode, then starts the server. Plain JavaScript: the image
// has Node.js and the traced node_modules, nothing else.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { BUSY_TIMEOUT_MS, migrate } from "./migrate.mjs";

const here = import.meta.dirname;
// A relative file path is read from here, where the image's data volume is; made absolute,
// because server.js changes into its own directory before it opens the database.
const given = process.env.DATABASE_URL?.trim() || "file:./data/glm-chat.db";
const url = given.startsWith("file:")
  ? `file:${path.resolve(given.slice("file:".length).replace(/^\/\/(?=\/)/, ""))}`
  : given;
const authToken = process.env.DATABASE_AUTH_TOKEN?.trim() || undefined;

if (url.startsWith("file:")) mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
try {
  const applied = await migrate({ url, authToken, dir: path.join(here, "prisma/migrations") });
  console.log(
    applied.length ? `glm-chat: applied migrations ${applied.join(", ")}` : "glm-chat: database is up to date",
  );
} catch (error) {
  console.error(`glm-chat: the database could not be migrated: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
if (url.startsWith("file:")) {
  // Readers never wait for the writer, and a commit costs one sync.
  const client = createClient({ url });
  await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await client.execute("PRAGMA journal_mode = WAL");
  client.close();
}
process.env.DATABASE_URL = url;
await import(path.join(here, "server.js"));
