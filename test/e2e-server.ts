// Starts the built app for the browser tests and benchmarks on a fresh database: deletes the
// given SQLite file, applies the migrations, then runs the standalone server as `npm start` does
// (scripts/start.mjs).
// Usage: e2e-server.ts <port> <db-file> [--admin email:password] [--sign-up open|invite]
// With --admin, that account is created as the team admin before the app starts; with
// --sign-up, the team's sign-up mode is stored (a new team's is "invite"). Test setup writing
// the database directly; the app has no such backdoor. Without --admin the team has no account:
// its first one needs the set-up link (lib/team/setup-token).
import { spawn } from "node:child_process";
import path from "node:path";
import { freshDatabase } from "./app-instance";

const [port, dbFile] = process.argv.slice(2);
if (!port || !dbFile) throw new Error("usage: e2e-server.ts <port> <db-file>");
const root = path.resolve(import.meta.dirname, "..");

const adminArg = process.argv.indexOf("--admin");
const [email, password] = adminArg > 0 ? (process.argv[adminArg + 1] ?? "").split(":") : [];
const signUpArg = process.argv.indexOf("--sign-up");
const signUp = signUpArg > 0 ? process.argv[signUpArg + 1] : undefined;
if (signUp !== undefined && signUp !== "open" && signUp !== "invite") throw new Error("--sign-up takes open or invite");
const env = {
  ...process.env,
  DATABASE_URL: await freshDatabase(dbFile, { admin: email ? { email, password } : undefined, signUp }),
};

// `--cpu-prof` (from BENCH_PROFILE=1 npm run bench) writes a CPU profile of the server to data/profiles.
const nodeArgs = process.argv.includes("--cpu-prof")
  ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, "data/profiles")}`]
  : [];
const server = spawn(
  process.execPath,
  [...nodeArgs, path.join(root, "scripts/start.mjs"), "-p", port, "-H", "127.0.0.1"],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
