// Starts the built app for the browser tests and benchmarks on a fresh database: deletes the
// given SQLite file, applies the migrations, then runs `next start`.
// Usage: e2e-server.ts <port> <db-file> [--admin email:password] [--sign-up open|invite]
// With --admin, that account is created as the team admin before the app starts; with
// --sign-up, the team's sign-up mode is stored (a new team's is "invite"). Test setup writing
// the database directly; the app has no such backdoor. Without --admin the team has no account:
// its first one needs the set-up link (lib/team/setup-token).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import bcrypt from "bcryptjs";
import { prepareDatabase } from "./lib/prepare-database";

const [port, dbFile] = process.argv.slice(2);
if (!port || !dbFile) throw new Error("usage: e2e-server.ts <port> <db-file>");
const root = path.resolve(import.meta.dirname, "..");
const file = path.resolve(root, dbFile);
mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });

const env = { ...process.env, DATABASE_URL: `file:${file}` };
await prepareDatabase(env);

const adminArg = process.argv.indexOf("--admin");
if (adminArg > 0) {
  const [email, password] = (process.argv[adminArg + 1] ?? "").split(":");
  const db = createClient({ url: env.DATABASE_URL });
  const now = new Date().toISOString().replace("Z", "+00:00");
  await db.execute({
    sql: 'INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, \'admin\', ?, ?)',
    args: [randomUUID(), email, "Admin", bcrypt.hashSync(password, 10), now, now],
  });
  db.close();
}

const signUpArg = process.argv.indexOf("--sign-up");
if (signUpArg > 0) {
  const mode = process.argv[signUpArg + 1];
  if (mode !== "open" && mode !== "invite") throw new Error("--sign-up takes open or invite");
  const db = createClient({ url: env.DATABASE_URL });
  await db.execute({
    sql: `INSERT INTO "TeamSettings" ("id", "signUp", "updatedAt") VALUES ('team', ?, ?)
      ON CONFLICT ("id") DO UPDATE SET "signUp" = excluded."signUp"`,
    args: [mode, new Date().toISOString().replace("Z", "+00:00")],
  });
  db.close();
}

// `--cpu-prof` (from BENCH_PROFILE=1 npm run bench) writes a CPU profile of the server to data/profiles.
const nodeArgs = process.argv.includes("--cpu-prof")
  ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, "data/profiles")}`]
  : [];
const server = spawn(
  process.execPath,
  [...nodeArgs, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
