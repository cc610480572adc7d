import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

// A throwaway redis-server for tests of the live bus across instances (REDIS_URL): Debian's
// package (`.ci/run` installs it), on a free loopback port, in a directory of its own, keeping
// nothing on disk. A machine without it fails the tests that need it, saying what to install:
// they are never skipped.

export interface TestRedis {
  /** For REDIS_URL. */
  url: string;
  port: number;
  /** Everything the server printed. */
  log: () => string;
  stop: () => Promise<void>;
}

/** The executable; REDIS_SERVER_PATH points at another. */
export function redisServerPath(): string {
  return process.env.REDIS_SERVER_PATH || "redis-server";
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-redis-"));
  let lastError: Error | undefined;
  // A free port can be taken between finding it and binding it: a few tries.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const { child, log } = await launch(port, dir);
      const killOnExit = () => child.kill("SIGKILL");
      process.once("exit", killOnExit);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        log,
        stop: async () => {
          process.off("exit", killOnExit);
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
            child.kill("SIGKILL");
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error as Error;
      if (!/Address already in use/i.test(lastError.message)) break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError ?? new Error("redis-server did not start");
}

function launch(port: number, dir: string): Promise<{ child: ChildProcess; log: () => string }> {
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    // No persistence: nothing is read at start or written at all.
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    "--daemonize",
    "no",
    "--loglevel",
    "notice",
  ];
  const child = spawn(redisServerPath(), args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const log = () => output;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not become ready within 10 s:\n${output}`));
    }, 10_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve({ child, log });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new Error(
              `${redisServerPath()} not found: the tests of several instances need a real Redis. Install Debian's redis-server (sudo apt-get install -y redis-server; .ci/run does) or set REDIS_SERVER_PATH.`,
            )
          : error,
      );
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}
