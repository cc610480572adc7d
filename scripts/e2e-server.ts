// Starts the built app for the browser tests on a fresh database: deletes the given SQLite
// file, applies the migrations, then runs `next start`. Usage: e2e-server.ts <port> <db-file>
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const [port, dbFile] = process.argv.slice(2);
if (!port || !dbFile) throw new Error("usage: e2e-server.ts <port> <db-file>");
const root = path.resolve(import.meta.dirname, "..");
const file = path.resolve(root, dbFile);
mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });

const env = { ...process.env, DATABASE_URL: `file:${file}` };
const migrate = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
  cwd: root,
  env,
  encoding: "utf8",
});
if (migrate.status !== 0) {
  process.stderr.write(migrate.stdout + migrate.stderr);
  process.exit(1);
}

const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  env,
  stdio: "inherit",
});
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
