// Creates the database (for a local file, its folder), applies the committed migrations, and
// puts a local file in WAL mode: readers never wait for the writer, and a commit costs one
// sync instead of three. Used by `npm run setup`, the e2e server and the benchmarks.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { databaseConfig, localDatabasePath } from "../../lib/db/config";

const root = path.resolve(import.meta.dirname, "../..");

export async function prepareDatabase(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const config = databaseConfig(env);
  const file = localDatabasePath(config.url);
  if (file) mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });

  const migrate = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (migrate.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}${migrate.stderr}`);
  }

  if (file) {
    const client = createClient(config);
    await client.execute("PRAGMA journal_mode = WAL");
    client.close();
  }
  return file ? path.relative(root, path.resolve(root, file)) : config.url.replace(/\?.*$/, "");
}
