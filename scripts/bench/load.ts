// npm run bench:load: many people chatting at once. The built app runs on a fresh database with a
// mock upstream of its own (mock-upstream.ts: an answer of LOAD_CHUNKS deltas, 2 ms or 50 ms
// apart); 40 users sign in; then the same load (each request a new conversation, thinking and the
// default tools on, its title asked for afterwards) runs straight to the mock and through
// /api/chat, A/B, at 1, 50 and 200 requests at once. It prints answers per second, time to first
// token (direct, through the app, and the difference), errors, the app's peak memory and
// event-loop delay and /api/health's latency during the load, and checks that every finished
// answer was saved with its usage row: it fails if one is missing (never on timing). The same
// load then goes through the team's API (/v1/chat/completions, streamed, one personal key per
// user), printed beside the chat's, with its ledger rows checked the same way.
// Needs a production build (`npm run build`). LOAD_ONLY=50:2 runs one level (c=50, 2 ms spacing);
// LOAD_PROFILE=1 writes a CPU profile of the app server to data/profiles; LOAD_NODE_ARGS adds
// node flags of your own to the server.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import bcrypt from "bcryptjs";
import { BUSY_TIMEOUT_MS } from "../../lib/db/config";
import { freshDatabase, hasBuild, startApp } from "../../test/app-instance";
import { freePort } from "../../test/free-port";

const root = path.resolve(import.meta.dirname, "../..");
const USERS = 40;
const CHUNKS = Number(process.env.LOAD_CHUNKS ?? 40);
const LEVELS = [1, 50, 200];
const SPACINGS = [50, 2];
/** Answers per run: enough for the level to be reached and held. */
const answersAt = (c: number) => (c === 1 ? 20 : c * 3);
const only = process.env.LOAD_ONLY?.split(":").map(Number);
const dbFile = "data/bench/load.db";
const loopDelayDir = path.join(root, "data/bench/loop-delay");

if (!hasBuild()) {
  console.error("bench:load: no production build found; run `npm run build` first.");
  process.exit(1);
}

interface Outcome {
  ok: boolean;
  /** Request start to the first thinking token, ms. */
  ttft: number;
  /** Request start to the end of the stream, ms. */
  total: number;
  error?: string;
  conversationId?: string;
}

interface RunResult {
  outcomes: Outcome[];
  seconds: number;
}

/** Reads a streamed response: when `first` first appears, and whether `last` does by the end. */
async function readStream(res: Response, t0: number, first: string, last: string, failure?: string) {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let ttft = -1;
  let tail = "";
  let ended = false;
  let failed = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    // Only the end of what came before is kept: enough for a marker split across two reads.
    const text = tail + decoder.decode(value, { stream: true });
    if (ttft < 0 && text.includes(first)) ttft = performance.now() - t0;
    if (!ended && text.includes(last)) ended = true;
    if (failure && text.includes(failure)) failed = true;
    tail = text.slice(-64);
  }
  return { ttft, ended, failed };
}

async function askDirect(baseURL: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-bench-load", "content-type": "application/json" },
      body: JSON.stringify({
        model: "glm-5.1",
        messages: [{ role: "user", content: "How far is the moon?" }],
        stream: true,
        stream_options: { include_usage: true },
        enable_thinking: true,
      }),
    });
    if (!res.ok) return { ok: false, ttft: 0, total: 0, error: `HTTP ${res.status}` };
    const { ttft, ended } = await readStream(res, t0, '"reasoning_content":"', "[DONE]");
    const ok = ttft >= 0 && ended;
    return { ok, ttft, total: performance.now() - t0, error: ok ? undefined : "incomplete stream" };
  } catch (error) {
    return { ok: false, ttft: 0, total: 0, error: String(error) };
  }
}

async function askApi(app: string, key: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${app}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "glm-5.1",
        messages: [{ role: "user", content: "How far is the moon?" }],
        stream: true,
        stream_options: { include_usage: true },
        enable_thinking: true,
      }),
    });
    if (!res.ok)
      return { ok: false, ttft: 0, total: 0, error: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
    const { ttft, ended, failed } = await readStream(res, t0, '"reasoning_content":"', "[DONE]", '"error":');
    const ok = ttft >= 0 && ended && !failed;
    return { ok, ttft, total: performance.now() - t0, error: ok ? undefined : "incomplete stream" };
  } catch (error) {
    return { ok: false, ttft: 0, total: 0, error: String(error) };
  }
}

async function askApp(app: string, cookie: string): Promise<Outcome> {
  const conversationId = randomUUID();
  const t0 = performance.now();
  try {
    const res = await fetch(`${app}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: app },
      body: JSON.stringify({
        id: conversationId,
        message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "How far is the moon?" }] },
        connection: "env:default",
        model: "glm-5.1",
        thinking: true,
        tools: true,
      }),
    });
    if (!res.ok)
      return { ok: false, ttft: 0, total: 0, error: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
    const { ttft, ended, failed } = await readStream(
      res,
      t0,
      '"type":"reasoning-delta"',
      '"type":"finish"',
      '"type":"error"',
    );
    const ok = ttft >= 0 && ended && !failed;
    return { ok, ttft, total: performance.now() - t0, error: ok ? undefined : "incomplete stream", conversationId };
  } catch (error) {
    return { ok: false, ttft: 0, total: 0, error: String(error), conversationId };
  }
}

/** `count` requests, `concurrency` at a time. */
async function run(count: number, concurrency: number, ask: (i: number) => Promise<Outcome>): Promise<RunResult> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) outcomes.push(await ask(next++));
    }),
  );
  return { outcomes, seconds: (performance.now() - t0) / 1000 };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const ms = (n: number) => (Number.isNaN(n) ? "-" : n < 10 ? n.toFixed(1) : n.toFixed(0));

/** While the app is loaded: its peak RSS, its event-loop delay, and /api/health's latency. */
function watchApp(app: string, pid: number) {
  let peakRss = 0;
  const health: number[] = [];
  const sampleRss = () => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) peakRss = Math.max(peakRss, Number(rss[1]) / 1024);
    } catch {}
  };
  const rssTimer = setInterval(sampleRss, 100);
  let probing = true;
  const probes = (async () => {
    while (probing) {
      const t0 = performance.now();
      await fetch(`${app}/api/health`).then(
        (res) => res.arrayBuffer(),
        () => {},
      );
      health.push(performance.now() - t0);
      // Not more often: each probe is a request of its own (about 10 ms of the server's CPU),
      // counted in the CPU per answer at low load.
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  process.kill(pid, "SIGUSR2"); // starts the loop-delay histogram over
  return async () => {
    clearInterval(rssTimer);
    sampleRss();
    probing = false;
    await probes;
    const file = path.join(loopDelayDir, `loop-delay-${pid}.json`);
    rmSync(file, { force: true });
    process.kill(pid, "SIGUSR2");
    let loopDelay: { p99: number; max: number } | null = null;
    for (let i = 0; i < 50 && !loopDelay; i++) {
      try {
        loopDelay = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return { peakRss, health, loopDelay };
  };
}

/** Every answer that finished has its row saved as done and its usage row; waits for settlement. */
async function checkSaved(dbUrl: string, outcomes: Outcome[]) {
  const finished = outcomes.filter((o) => o.ok && o.conversationId).map((o) => o.conversationId as string);
  const db = createClient({ url: dbUrl, timeout: BUSY_TIMEOUT_MS });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const streaming = await db.execute(`SELECT COUNT(*) AS n FROM "Message" WHERE "status" = 'streaming'`);
      if (Number(streaming.rows[0].n) === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    let saved = 0;
    let withUsage = 0;
    for (let i = 0; i < finished.length; i += 500) {
      const ids = finished.slice(i, i + 500);
      const rows = await db.execute({
        sql: `SELECT m."status" AS status,
            (SELECT COUNT(*) FROM "Usage" u WHERE u."messageId" = m."id" AND u."purpose" = 'answer') AS usage
          FROM "Message" m WHERE m."role" = 'assistant' AND m."conversationId" IN (${ids.map(() => "?").join(",")})`,
        args: ids,
      });
      for (const row of rows.rows) {
        if (row.status === "done") saved++;
        if (Number(row.usage) > 0) withUsage++;
      }
    }
    return { finished: finished.length, saved, withUsage };
  } finally {
    db.close();
  }
}

/** The API calls' ledger rows (purpose "api") written since `since`, once settlement has caught up. */
async function apiRowsSince(dbUrl: string, since: number, expected: number): Promise<number> {
  const db = createClient({ url: dbUrl, timeout: BUSY_TIMEOUT_MS });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rows = await db.execute(`SELECT COUNT(*) AS n FROM "Usage" WHERE "purpose" = 'api'`);
      const n = Number(rows.rows[0].n) - since;
      if (n >= expected || Date.now() > deadline) return n;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    db.close();
  }
}

async function apiRowCount(dbUrl: string): Promise<number> {
  return apiRowsSince(dbUrl, 0, 0);
}

async function signIn(app: string, email: string, password: string): Promise<string> {
  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  const csrf = await fetch(`${app}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${app}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  const session = cookiesOf(res);
  if (!session.includes("session-token")) throw new Error(`bench:load: sign-in of ${email} failed`);
  return session;
}

/** The team: USERS members, and the limits an admin of a company this size would set. */
async function seedTeam(dbUrl: string, password: string): Promise<string[]> {
  const db = createClient({ url: dbUrl });
  const now = new Date().toISOString().replace("Z", "+00:00");
  const hash = bcrypt.hashSync(password, 10);
  const users = Array.from({ length: USERS }, () => randomUUID());
  // One personal API key each, in lib/keys/key-format's shape (the hash is what is stored).
  const keys = users.map(() => `glmc_${randomBytes(32).toString("base64url")}`);
  try {
    await db.batch(
      [
        ...users.flatMap((id, i) => [
          {
            sql: `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
            args: [id, `user${i}@bench.test`, `User ${i}`, hash, i === 0 ? "admin" : "member", now, now],
          },
          {
            sql: `INSERT INTO "ApiKey" ("id", "userId", "name", "keyHash", "prefix", "createdAt") VALUES (?, ?, 'bench', ?, ?, ?)`,
            args: [randomUUID(), id, createHash("sha256").update(keys[i]).digest("hex"), keys[i].slice(0, 12), now],
          },
        ]),
        // The request rate is counted (a write before each call) but set above what the load asks;
        // each member may have twice as many answers written at once as the highest level gives
        // them (a member's next request may come while the last answer is still being settled).
        {
          sql: `INSERT INTO "SpendSettings" ("id", "requestsPerMinute", "requestRateOff", "runningPerUser", "updatedAt")
            VALUES ('team', 1000000, 0, ?, ?)`,
          args: [2 * Math.ceil(Math.max(...LEVELS) / USERS), now],
        },
      ],
      "write",
    );
  } finally {
    db.close();
  }
  return keys;
}

function startMock(port: number): Promise<ChildProcess> {
  // Node itself with tsx's loader (no wrapper process): killing it stops the server.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/mock-upstream.ts", String(port)], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`bench:load: the mock upstream exited (${code})`)));
  });
}

async function main() {
  const mockPort = await freePort();
  const mock = await startMock(mockPort);
  const mockURL = `http://127.0.0.1:${mockPort}/compatible-mode/v1`;
  const configure = (spacingMs: number) =>
    fetch(`http://127.0.0.1:${mockPort}/__bench/config`, {
      method: "POST",
      body: JSON.stringify({ chunks: CHUNKS, spacingMs }),
    });

  const dbUrl = await freshDatabase(dbFile);
  const password = "bench password 123";
  const keys = await seedTeam(dbUrl, password);
  mkdirSync(loopDelayDir, { recursive: true });
  const app = await startApp({
    databaseUrl: dbUrl,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
      GLM_BASE_URL: mockURL,
      GLM_API_KEY: "sk-bench-load",
      BENCH_LOOP_DELAY_DIR: loopDelayDir,
    },
    nodeArgs: [
      `--import=${path.join(root, "scripts/bench/loop-delay.mjs")}`,
      ...(process.env.LOAD_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(root, "data/profiles")}`] : []),
      ...(process.env.LOAD_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
  });
  let failed = false;
  try {
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) cookies.push(await signIn(app.url, `user${i}@bench.test`, password));
    console.log(
      `bench:load: ${USERS} users signed in; answers of ${CHUNKS} deltas; each request a new conversation with tools on.`,
    );

    const rows: Record<string, Record<string, string | number>> = {};
    let warmedUp = false;
    for (const spacing of SPACINGS) {
      await configure(spacing);
      for (const c of LEVELS) {
        if (only && (only[0] !== c || (only[1] !== undefined && only[1] !== spacing))) continue;
        if (!warmedUp) {
          // The server's first answers compile its code and fill its caches: not counted.
          await run(60, 10, (i) => askApp(app.url, cookies[i % USERS]));
          await run(60, 10, (i) => askApi(app.url, keys[i % USERS]));
          warmedUp = true;
        }
        const count = answersAt(c);
        const direct = await run(count, c, () => askDirect(mockURL));
        const stop = watchApp(app.url, app.pid);
        const cpuApp0 = cpuMs(app.pid);
        const through = await run(count, c, (i) => askApp(app.url, cookies[i % USERS]));
        const cpuAppUsed = cpuMs(app.pid) - cpuApp0;
        const watched = await stop();
        const saved = await checkSaved(dbUrl, through.outcomes);
        const lost = saved.finished - Math.min(saved.saved, saved.withUsage);
        if (lost > 0) failed = true;

        // The same load through the team's API.
        const apiRowsBefore = await apiRowCount(dbUrl);
        const stopApi = watchApp(app.url, app.pid);
        const cpuApi0 = cpuMs(app.pid);
        const viaApi = await run(count, c, (i) => askApi(app.url, keys[i % USERS]));
        const cpuApiUsed = cpuMs(app.pid) - cpuApi0;
        const watchedApi = await stopApi();
        const okApi = viaApi.outcomes.filter((o) => o.ok);
        const apiRows = await apiRowsSince(dbUrl, apiRowsBefore, okApi.length);
        if (apiRows < okApi.length) failed = true;

        const okD = direct.outcomes.filter((o) => o.ok);
        const okA = through.outcomes.filter((o) => o.ok);
        const ttftD = okD.map((o) => o.ttft);
        const ttftA = okA.map((o) => o.ttft);
        const ttftApi = okApi.map((o) => o.ttft);
        const errors = through.outcomes.filter((o) => !o.ok);
        const apiErrors = viaApi.outcomes.filter((o) => !o.ok);
        const label = `c=${c}, ${spacing} ms`;
        rows[label] = {
          "answers/s direct": Number((okD.length / direct.seconds).toFixed(1)),
          "answers/s app": Number((okA.length / through.seconds).toFixed(1)),
          "app/direct %": Math.round((100 * okA.length * direct.seconds) / (okD.length * through.seconds)),
          "TTFT direct p50/p95/p99": [0.5, 0.95, 0.99].map((p) => ms(percentile(ttftD, p))).join(" / "),
          "TTFT app p50/p95/p99": [0.5, 0.95, 0.99].map((p) => ms(percentile(ttftA, p))).join(" / "),
          "added p50/p95/p99": [0.5, 0.95, 0.99]
            .map((p) => ms(percentile(ttftA, p) - percentile(ttftD, p)))
            .join(" / "),
          "total s direct/app": `${direct.seconds.toFixed(1)} / ${through.seconds.toFixed(1)}`,
          errors: errors.length + direct.outcomes.filter((o) => !o.ok).length,
          "app CPU ms/answer": Math.round(cpuAppUsed / count),
          "peak RSS MB": Math.round(watched.peakRss),
          "loop delay p99/max": watched.loopDelay ? `${ms(watched.loopDelay.p99)} / ${ms(watched.loopDelay.max)}` : "-",
          "health p99/max": `${ms(percentile(watched.health, 0.99))} / ${ms(Math.max(...watched.health))}`,
          saved: `${Math.min(saved.saved, saved.withUsage)}/${saved.finished}`,
        };
        rows[`${label}, API`] = {
          "answers/s direct": Number((okD.length / direct.seconds).toFixed(1)),
          "answers/s app": Number((okApi.length / viaApi.seconds).toFixed(1)),
          "app/direct %": Math.round((100 * okApi.length * direct.seconds) / (okD.length * viaApi.seconds)),
          "TTFT direct p50/p95/p99": rows[label]["TTFT direct p50/p95/p99"],
          "TTFT app p50/p95/p99": [0.5, 0.95, 0.99].map((p) => ms(percentile(ttftApi, p))).join(" / "),
          "added p50/p95/p99": [0.5, 0.95, 0.99]
            .map((p) => ms(percentile(ttftApi, p) - percentile(ttftD, p)))
            .join(" / "),
          "total s direct/app": `${direct.seconds.toFixed(1)} / ${viaApi.seconds.toFixed(1)}`,
          errors: apiErrors.length,
          "app CPU ms/answer": Math.round(cpuApiUsed / count),
          "peak RSS MB": Math.round(watchedApi.peakRss),
          "loop delay p99/max": watchedApi.loopDelay
            ? `${ms(watchedApi.loopDelay.p99)} / ${ms(watchedApi.loopDelay.max)}`
            : "-",
          "health p99/max": `${ms(percentile(watchedApi.health, 0.99))} / ${ms(Math.max(...watchedApi.health))}`,
          saved: `${Math.min(apiRows, okApi.length)}/${okApi.length}`,
        };
        console.log(`\n${label}:`, rows[label]);
        console.log(`${label}, API:`, rows[`${label}, API`]);
        for (const e of [...new Set([...errors, ...apiErrors].map((o) => o.error))].slice(0, 3))
          console.log(`  error: ${e}`);
      }
    }
    console.log("\nbench:load summary (TTFT = request to first thinking token, ms; added = app - direct):");
    console.table(rows);
    if (failed) console.error("bench:load: FAILED: a finished answer or API call was not saved with its usage.");
  } finally {
    await app.stop();
    mock.kill();
  }
  process.exit(failed ? 1 : 0);
}

/** CPU time the process has used, ms (Linux counts in 10 ms ticks). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

await main();
