import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import bcrypt from "bcryptjs";
import { prepareDatabase } from "../scripts/lib/prepare-database";
import { freePort } from "./free-port";

// The production build (`next build` must have run: nothing is built here) as server processes a
// test starts, kills and starts again itself: several instances on one database and one Redis,
// or one killed mid-answer. Each is the standalone server as `npm start` runs it
// (`node scripts/start.mjs`, which runs the server in its own process), no shell or tsx wrapper
// in between, so that a signal sent to it reaches the server.

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Deletes the SQLite file (relative to the repository), applies the migrations, and, when asked,
 * adds the team admin and stores the team's sign-up mode: test setup writing the database
 * directly (the app has no such backdoor). Returns its DATABASE_URL.
 */
export async function freshDatabase(
  file: string,
  options: { admin?: { email: string; password: string }; signUp?: "open" | "invite" } = {},
): Promise<string> {
  const absolute = path.resolve(ROOT, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(absolute + suffix, { force: true });
  const url = `file:${absolute}`;
  await prepareDatabase({ ...process.env, DATABASE_URL: url });
  const db = createClient({ url });
  const now = new Date().toISOString().replace("Z", "+00:00");
  try {
    if (options.admin) {
      await db.execute({
        sql: 'INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, \'admin\', ?, ?)',
        args: [randomUUID(), options.admin.email, "Admin", bcrypt.hashSync(options.admin.password, 10), now, now],
      });
    }
    if (options.signUp) {
      await db.execute({
        sql: `INSERT INTO "TeamSettings" ("id", "signUp", "updatedAt") VALUES ('team', ?, ?)
          ON CONFLICT ("id") DO UPDATE SET "signUp" = excluded."signUp"`,
        args: [options.signUp, now],
      });
    }
  } finally {
    db.close();
  }
  return url;
}

export interface AppInstance {
  url: string;
  port: number;
  /** The server's own process (it names itself next-server). */
  pid: number;
  /** Everything it printed. */
  log: () => string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s). */
  stop: () => Promise<void>;
  /** Kills it outright, as a crash or an OOM killer would; resolves once it is gone. */
  kill: () => Promise<NodeJS.Signals | null>;
}

export function hasBuild(): boolean {
  return existsSync(path.join(ROOT, ".next/BUILD_ID"));
}

/** Starts the built app on `databaseUrl` (on `port`, or a free one) and waits until it answers. */
export async function startApp(options: {
  databaseUrl: string;
  env: Record<string, string>;
  port?: number;
  /** Node's own flags for the server (a benchmark's profiler or preload). */
  nodeArgs?: string[];
}): Promise<AppInstance> {
  if (!hasBuild()) throw new Error("no production build in .next/: run `npx next build` first");
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.join(ROOT, "scripts/start.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (data: Buffer) => {
      output += data.toString();
      if (output.length > 1_000_000) output = output.slice(-500_000);
    });
  }
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  try {
    await waitUntilUp(`${url}/api/health`, child);
  } catch (error) {
    child.kill("SIGKILL");
    process.off("exit", killOnExit);
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  return {
    url,
    port,
    pid: child.pid ?? 0,
    log: () => output,
    stop: async () => {
      process.off("exit", killOnExit);
      if (gone()) return;
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (!gone()) child.kill("SIGKILL");
      await exited;
    },
    kill: async () => {
      process.off("exit", killOnExit);
      if (!gone()) child.kill("SIGKILL");
      return exited;
    },
  };
}

async function waitUntilUp(healthUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("the app exited while starting");
    const ok = await fetch(healthUrl).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${healthUrl} did not answer within 60 s`);
}
