import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, anonymousTest as test } from "./fixtures";

// The Docker image, without Docker (no engine here): the same files laid out as the
// Dockerfile copies them (standalone server, static assets, public/, migrations, start.mjs) in an
// empty directory, started with `node start.mjs` and only environment variables, on a fresh database.

const root = path.resolve(import.meta.dirname, "..");
const PORT = 3150;

/**
 * What `next build` wrote to .next/standalone, without what `npm start` adds there (the pieces
 * below, scripts/standalone/assemble.mjs) or the cache of the test servers running from it: the
 * image gets them from the Dockerfile's own lines, as here.
 */
const ADDED = [".next/static", ".next/cache", "public", "prisma", "start.mjs", "migrate.mjs", ".glm-chat-assembled"];

function image(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "glm-chat-image-"));
  const standalone = path.join(root, ".next/standalone");
  cpSync(standalone, dir, {
    recursive: true,
    filter: (from) => {
      const relative = path.relative(standalone, from);
      return !ADDED.includes(relative) && !relative.endsWith(".tmp");
    },
  });
  cpSync(path.join(root, ".next/static"), path.join(dir, ".next/static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(dir, "public"), { recursive: true });
  cpSync(path.join(root, "prisma/migrations"), path.join(dir, "prisma/migrations"), { recursive: true });
  for (const file of ["start.mjs", "migrate.mjs"]) {
    cpSync(path.join(root, "scripts/standalone", file), path.join(dir, file));
  }
  return dir;
}

function start(dir: string, env: Record<string, string>): { server: ChildProcess; output: () => string } {
  let output = "";
  // Only what a container would have: no .env files, no inherited variables beyond PATH.
  const server = spawn(process.execPath, ["start.mjs"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      ...env,
    },
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  return { server, output: () => output };
}

test.describe.configure({ mode: "serial" });

test("the standalone server starts from a clean build with only environment variables and answers /api/health", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const dir = image();
  const { server, output } = start(dir, {
    AUTH_SECRET: "standalone-test-secret-0123456789abcdef",
    ENCRYPTION_KEY: "standalone-test-encryption-key-0123456789",
    DATABASE_URL: `file:${path.join(dir, "data/glm-chat.db")}`,
  });
  try {
    let health: Response | null = null;
    for (let i = 0; i < 120 && !health?.ok; i++) {
      await new Promise((r) => setTimeout(r, 250));
      health = await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null);
    }
    expect(health?.status, output()).toBe(200);
    expect(await health?.json()).toMatchObject({ status: "ok", database: { status: "ok" } });
    expect(output()).toContain("glm-chat: applied migrations");
    // public/ as well: the app icons a phone's home screen asks for.
    expect((await fetch(`http://127.0.0.1:${PORT}/icon-192.png`)).status).toBe(200);
    // The pages and their assets are served too: the operator follows the set-up link the
    // server printed (the team has no account yet), signs up as its admin and sees the chat.
    const setupPath = () => /http:\/\/localhost:\d+(\/sign-up\?setup=[\w-]{43})/.exec(output())?.[1];
    await expect.poll(setupPath, { message: output() }).toBeTruthy();
    await page.goto(`http://127.0.0.1:${PORT}${setupPath()}`);
    await page.getByLabel("Name").fill("First");
    await page.getByLabel("Email").fill("first@example.test");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without AUTH_SECRET the standalone server refuses to start and says what to set", async () => {
  const dir = image();
  const { server, output } = start(dir, { DATABASE_URL: `file:${path.join(dir, "data/glm-chat.db")}` });
  try {
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
    expect(code).not.toBe(0);
    expect(output()).toContain("AUTH_SECRET is not set");
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
});
