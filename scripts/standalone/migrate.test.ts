import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript, run by the Docker image as it is
import { migrate } from "./migrate.mjs";

// The image's migrator and Prisma's must agree: what one applied, the other sees as applied.

const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "prisma/migrations");
const tmp = mkdtempSync(path.join(tmpdir(), "glm-chat-migrate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function prismaDeploy(url: string) {
  return spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
}

describe("migrate.mjs", () => {
  it("applies every migration once, in a form `prisma migrate deploy` accepts as done", {
    timeout: 60_000,
  }, async () => {
    const url = `file:${path.join(tmp, "ours.db")}`;
    const applied: string[] = await migrate({ url, dir });
    expect(applied.length).toBeGreaterThan(5);
    expect(await migrate({ url, dir })).toEqual([]);
    const prisma = prismaDeploy(url);
    expect(prisma.status, prisma.stderr).toBe(0);
    expect(prisma.stdout).toContain("No pending migrations to apply");
    const client = createClient({ url });
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map(
      (r) => r.name,
    );
    client.close();
    expect(tables).toEqual(expect.arrayContaining(["User", "Conversation", "Usage", "Share", "SpendTotal"]));
  });

  it("accepts a database Prisma migrated, and refuses to start over a failed migration", {
    timeout: 60_000,
  }, async () => {
    const url = `file:${path.join(tmp, "prisma.db")}`;
    expect(prismaDeploy(url).status).toBe(0);
    expect(await migrate({ url, dir })).toEqual([]);
    const client = createClient({ url });
    await client.execute(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ('x', 'y', '29990101000000_broken')`,
    );
    client.close();
    await expect(migrate({ url, dir })).rejects.toThrow(/29990101000000_broken failed earlier/);
  });
});

describe("migrate.mjs, several instances at once", () => {
  it("applies each migration once when instances start together on one database", { timeout: 60_000 }, async () => {
    const url = `file:${path.join(tmp, "together.db")}`;
    const results: string[][] = await Promise.all([
      migrate({ url, dir }),
      migrate({ url, dir }),
      migrate({ url, dir }),
    ]);
    // One of them did the work; the others waited and found it done.
    expect(results.map((r) => r.length).sort((a, b) => b - a)).toEqual([results.flat().length, 0, 0]);
    const client = createClient({ url });
    const rows = (await client.execute('SELECT "migration_name", "finished_at" FROM "_prisma_migrations"')).rows;
    client.close();
    expect(rows.every((r) => r.finished_at != null)).toBe(true);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
    expect(await migrate({ url, dir })).toEqual([]);
  });

  it("lets processes start together on one local file: none fails on a busy database", {
    timeout: 60_000,
  }, async () => {
    const url = `file:${path.join(tmp, "processes.db")}`;
    await migrate({ url, dir });
    // As two app instances start on one file (the e2e suite's two-instance test failed so).
    const start = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            "--input-type=module",
            "-e",
            `const { migrate } = await import(${JSON.stringify(path.join(import.meta.dirname, "migrate.mjs"))});
             await migrate({ url: ${JSON.stringify(url)}, dir: ${JSON.stringify(dir)} });`,
          ],
          { cwd: root },
        );
        let output = "";
        child.stderr.on("data", (d) => {
          output += d;
        });
        child.on("exit", (code) => resolve({ code, output }));
      });
    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(Array.from({ length: 4 }, start));
      expect(runs.filter((r) => r.code !== 0).map((r) => r.output)).toEqual([]);
    }
  });
});
