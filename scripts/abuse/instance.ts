// The app under attack: the production build (`.next/`, never built here) on a fresh database of
// its own and its own port, with the GLM simulator (in this process) as its only model platform.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Client, createClient } from "@libsql/client";
import bcrypt from "bcryptjs";
import { startSimulator } from "../../test/simulator";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** Not used by e2e/servers.ts (31xx, 41xx) or scripts/bench (3200). */
export const PORT = Number(process.env.ABUSE_PORT ?? 3300);
export const APP = `http://127.0.0.1:${PORT}`;
const DB_FILE = "data/abuse/abuse.db";

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export interface Instance {
  sim: Simulator;
  /** The database, for test setup and for checks of what was saved and billed. */
  db: Client;
  /** Everything the app printed (a setup token, errors). */
  log: () => string;
  /** The Next.js server's process id. */
  serverPid: () => number;
  /** Resident memory of the Next.js server process, in MB. */
  rssMb: () => number;
  stop: () => Promise<void>;
}

export function hasBuild(): boolean {
  return existsSync(path.join(ROOT, ".next/BUILD_ID"));
}

export async function startInstance(env: Record<string, string> = {}): Promise<Instance> {
  if (
    await fetch(`${APP}/api/health`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`abuse: something already answers on ${APP}; stop it or set ABUSE_PORT`);
  }
  const sim = await startSimulator("sk-abuse");
  let output = "";
  const app = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["test/e2e-server.ts", String(PORT), DB_FILE], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "abuse-suite-secret-not-for-production-0123456789",
      ENCRYPTION_KEY: "abuse-suite-encryption-key-0123456789abcdef01",
      GLM_BASE_URL: sim.baseURL,
      GLM_API_KEY: sim.apiKey,
      // A second platform, with several answers at once (Runware's numberResults).
      RUNWARE_API_KEY: sim.apiKey,
      RUNWARE_BASE_URL: sim.baseURL.replace(/\/compatible-mode\/v1$/, ""),
      // One proxy hop in front (the suite's X-Forwarded-For): per-address limits apply.
      TRUSTED_PROXY_HOPS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [app.stdout, app.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 2_000_000) output = output.slice(-1_000_000);
      if (process.env.ABUSE_VERBOSE) process.stderr.write(chunk);
    });
  }
  const exited = new Promise<void>((resolve) => app.on("exit", () => resolve()));
  let pid: number | undefined;
  const server = () => {
    pid ??= serverPid(app);
    return pid;
  };
  // Whatever ends this process (a crash, Ctrl-C) ends the app too; a server stuck on a busy event
  // loop does not hear SIGTERM, so it is killed outright.
  const orphan = () => {
    try {
      if (pid) process.kill(pid, "SIGKILL");
    } catch {}
    app.kill("SIGKILL");
  };
  process.on("exit", orphan);
  try {
    await waitFor(`${APP}/api/health`, exited);
  } catch (error) {
    app.kill("SIGTERM");
    await sim.close();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  const db = createClient({ url: `file:${path.join(ROOT, DB_FILE)}` });
  server();
  return {
    sim,
    db,
    log: () => output,
    serverPid: server,
    rssMb: () => {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server()}/status`, "utf8"));
      return Math.round(Number(rss?.[1] ?? 0) / 1024);
    },
    stop: async () => {
      process.off("exit", orphan);
      db.close();
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try {
        if (pid) process.kill(pid, "SIGKILL");
      } catch {
        // It had stopped.
      }
      await sim.close();
    },
  };
}

async function waitFor(url: string, exited: Promise<void>) {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let i = 0; i < 240 && !gone; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(gone ? "abuse: the app exited while starting" : `abuse: ${url} did not come up`);
}

/** The server under the e2e-server wrapper (its process names itself next-server). */
function serverPid(wrapper: ChildProcess): number {
  const children = (pid: number | string) =>
    readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  const queue = children(wrapper.pid ?? 0);
  while (queue.length) {
    const pid = queue.shift() as string;
    if (readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("next-server")) return Number(pid);
    queue.push(...children(pid));
  }
  throw new Error("abuse: the next-server process is gone");
}

/** An account written straight into the database (test setup; the app has no such backdoor). */
export async function createAccount(
  db: Client,
  { email, password, role = "member" }: { email: string; password: string; role?: "admin" | "member" },
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString().replace("Z", "+00:00");
  await db.execute({
    sql: 'INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
    // Cost 4: the suite's own accounts need not be slow to check.
    args: [id, email, email.split("@")[0], bcrypt.hashSync(password, 4), role, now, now],
  });
  return id;
}
