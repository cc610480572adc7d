// npm run bench: prints the numbers behind our speed targets (it never fails on timing).
//  1. Time to first token through the full chat path (session, validation, ownership, DB write,
//     stream) against calling the same upstream directly, and the difference; without limits,
//     with the request rate only (a fresh deployment's default: one write before the upstream
//     call), then with budgets and a rate limit (the prompt bounded, the output granted).
//     The same through the team's GLM API (/v1/chat/completions with a personal key), beside it.
//  2. Gzipped JavaScript the chat page ships.
//  3. The app server's CPU per turn (of each configuration) and its memory after the run.
//  4. A long conversation (2,000 messages) beside a short one: open time, HTML size, DOM nodes,
//     frame times while scrolling, and the time to first token it adds (./long-conversation).
//     BENCH_ONLY=conversation runs this case only.
// Needs a production build (`npm run build`). Runs the built app on a fresh database and the
// simulator, both on loopback.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createClient } from "@libsql/client";
import { chromium } from "@playwright/test";
import bcrypt from "bcryptjs";
import { CHROMIUM_ARGS, chromiumPath } from "../../e2e/chromium";
import { BUSY_TIMEOUT_MS } from "../../lib/db/config";
import { startSimulator } from "../../test/simulator";
import { firstMatch } from "./first-match";
import { benchLongConversation } from "./long-conversation";

const root = path.resolve(import.meta.dirname, "../..");
const PORT = 3200;
const APP = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const dbFile = "data/bench/bench.db";
let sim: Awaited<ReturnType<typeof startSimulator>>;
let app: ChildProcess;

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("bench: no production build found; run `npm run build` first.");
  process.exit(1);
}

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bench: ${url} did not come up`);
}

async function withDb<T>(use: (db: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  // The app writes meanwhile (settlements, titles): wait for its lock as the app itself does.
  const db = createClient({ url: `file:${path.join(root, dbFile)}`, timeout: BUSY_TIMEOUT_MS });
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** Signs the bench user in (made here first, as the team's admin); its session cookie and id. */
async function signedIn(): Promise<{ cookie: string; userId: string }> {
  const email = "bench@example.test";
  const password = "bench password 123";
  const userId = randomUUID();
  const db = createClient({ url: `file:${path.join(root, dbFile)}`, timeout: BUSY_TIMEOUT_MS });
  await db.execute({
    sql: 'INSERT INTO "User" (id, email, passwordHash, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
    args: [userId, email, bcrypt.hashSync(password, 12), "admin", new Date().toISOString(), new Date().toISOString()],
  });
  db.close();
  const csrf = await fetch(`${APP}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${APP}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  const session = cookiesOf(res);
  if (!session.includes("session-token")) throw new Error("bench: sign-in failed");
  return { cookie: session, userId };
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const BODY = (text: string) => ({
  model: "glm-5.1",
  messages: [{ role: "user", content: text }],
  stream: true,
  stream_options: { include_usage: true },
  enable_thinking: true,
});

async function ttftDirect(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${sim.baseURL}/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${sim.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(BODY("How far is the moon?")),
  });
  return firstMatch(res, '"reasoning_content":"', t0);
}

async function ttftViaApp(cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${APP}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      id: randomUUID(),
      message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "How far is the moon?" }] },
      connection: "env:default",
      model: "glm-5.1",
      thinking: true,
      // BENCH_TOOLS=0 leaves the built-in tools out (their schemas are part of every request).
      tools: process.env.BENCH_TOOLS !== "0",
    }),
  });
  if (!res.ok) throw new Error(`bench: /api/chat answered ${res.status}: ${await res.text()}`);
  return firstMatch(res, '"type":"reasoning-delta"', t0);
}

/** A personal API key of the bench user's, made as the API keys page makes one. */
async function apiKey(cookie: string): Promise<string> {
  const res = await fetch(`${APP}/api/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: APP },
    body: JSON.stringify({ name: "bench" }),
  });
  if (res.status !== 201) throw new Error(`bench: POST /api/keys answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

/** The request `ttftDirect` sends, to the team's GLM API instead of the platform. */
async function ttftViaApi(key: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${APP}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(BODY("How far is the moon?")),
  });
  if (!res.ok) throw new Error(`bench: /v1/chat/completions answered ${res.status}: ${await res.text()}`);
  return firstMatch(res, '"reasoning_content":"', t0);
}

async function chatPageJavaScript(cookie: string, path: string) {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const [name, ...rest] = pair.split("=");
      return { name, value: rest.join("="), url: APP };
    }),
  );
  const page = await context.newPage();
  const bodies: Promise<Buffer>[] = [];
  const urls: string[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") {
      urls.push(res.url());
      bodies.push(res.body());
    }
  });
  await page.goto(`${APP}${path}`, { waitUntil: "networkidle" });
  const files = await Promise.all(bodies);
  await browser.close();
  if (process.env.BENCH_LIST_JS) {
    for (const [i, b] of files.entries()) {
      console.log(`  ${(gzipSync(b).length / 1024).toFixed(1).padStart(6)} KB gz  ${urls[i]}`);
    }
  }
  return {
    files: files.length,
    raw: files.reduce((n, b) => n + b.length, 0),
    gzip: files.reduce((n, b) => n + gzipSync(b).length, 0),
  };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: round(q(0.5)), p95: round(q(0.95)), min: round(s[0]), max: round(s.at(-1) ?? 0) };
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}

function kb(bytes: number) {
  return (bytes / 1024).toFixed(1);
}

/** A figure summed over the Next.js server's processes (the e2e-server wrapper's children). */
function serverTotal(wrapper: ChildProcess, figure: (pid: string) => number): number | null {
  try {
    const children = readFileSync(`/proc/${wrapper.pid}/task/${wrapper.pid}/children`, "utf8").trim().split(/\s+/);
    let total = 0;
    const visit = (pid: string) => {
      total += figure(pid);
      const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      for (const k of kids ? kids.split(/\s+/) : []) visit(k);
    };
    for (const c of children.filter(Boolean)) visit(c);
    return total;
  } catch {
    return null;
  }
}

/** RSS of the Next.js server, MB. */
function serverRssMb(wrapper: ChildProcess): number | null {
  return serverTotal(wrapper, (pid) => {
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return rss ? Number(rss[1]) / 1024 : 0;
  });
}

/** CPU time the Next.js server has used, ms (user + system; Linux counts in 10 ms ticks). */
function serverCpuMs(wrapper: ChildProcess): number | null {
  return serverTotal(wrapper, (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  });
}

async function main() {
  sim = await startSimulator("sk-bench");
  app = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    ["test/e2e-server.ts", String(PORT), dbFile, ...(process.env.BENCH_PROFILE ? ["--cpu-prof"] : [])],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789",
        GLM_BASE_URL: sim.baseURL,
        GLM_API_KEY: sim.apiKey,
      },
      stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    },
  );

  try {
    await waitFor(`${APP}/sign-in`);
    const { cookie, userId } = await signedIn();
    const longConversation = () =>
      benchLongConversation({
        app: APP,
        cookie,
        databaseUrl: `file:${path.join(root, dbFile)}`,
        userId,
        upstream: sim,
      });
    if (process.env.BENCH_ONLY === "conversation") {
      await longConversation();
      return;
    }

    const key = await apiKey(cookie);

    /** Time to first token `via` a path against the upstream directly, turn by turn; the server's CPU per turn. */
    const series = async (via: () => Promise<number>) => {
      const direct: number[] = [];
      const through: number[] = [];
      const cpuBefore = serverCpuMs(app);
      for (let i = 0; i < RUNS + 5; i++) {
        const d = await ttftDirect();
        const a = await via();
        if (i >= 5) {
          direct.push(d);
          through.push(a);
        }
      }
      const cpuAfter = serverCpuMs(app);
      return {
        direct,
        through,
        added: through.map((a, i) => a - direct[i]),
        cpu: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / (RUNS + 5) : null,
      };
    };
    const measure = async (label: string) => {
      const chat = await series(() => ttftViaApp(cookie));
      const api = await series(() => ttftViaApi(key));
      console.log(
        `\nTime to first token, ${label}, ${RUNS} sequential turns each (ms; the simulator waits 20 ms itself):`,
      );
      console.table({
        "upstream directly": stats(chat.direct),
        "through /api/chat": stats(chat.through),
        "added by the chat path": stats(chat.added),
        "through /v1/chat/completions": stats(api.through),
        "added by the API path": stats(api.added),
      });
      // The whole turn's work on the server (admission, stream, settlement), of a short answer.
      const cpu = (ms: number | null) => (ms === null ? "n/a" : `${ms.toFixed(1)} ms`);
      console.log(`App server CPU per chat turn: ${cpu(chat.cpu)}; per API call: ${cpu(api.cpu)}`);
    };
    // Spend settings as an admin leaves them, written straight to the database; the server reads
    // them at most 10 s late.
    const settings = async (values: { rate: number | null; budget: number | null }) => {
      await withDb((db) =>
        db.execute({
          sql: `INSERT INTO "SpendSettings" ("id", "userMonthlyTokens", "teamMonthlyTokens", "requestsPerMinute", "requestRateOff", "updatedAt")
            VALUES ('team', :budget, :budget, :rate, :off, :at)
            ON CONFLICT ("id") DO UPDATE SET "userMonthlyTokens" = :budget, "teamMonthlyTokens" = :budget,
              "requestsPerMinute" = :rate, "requestRateOff" = :off, "updatedAt" = :at`,
          args: { ...values, off: values.rate === null ? 1 : 0, at: new Date().toISOString() },
        }),
      );
    };
    // No limits at all (the request rate switched off): nothing is written before the call.
    await settings({ rate: null, budget: null });
    await measure("no limits");
    // A rate limit only, as a fresh deployment has (20 a minute; more here, for 45 turns): every
    // request is counted (one write) before the call.
    await settings({ rate: 100_000, budget: null });
    await new Promise((r) => setTimeout(r, 11_000));
    await ttftViaApp(cookie);
    await ttftViaApi(key);
    await measure("with the request rate only");
    // With budgets too, every call's prompt is bounded and its output granted (the same write).
    await settings({ rate: 100_000, budget: 1_000_000_000 });
    await new Promise((r) => setTimeout(r, 11_000));
    await ttftViaApp(cookie);
    await ttftViaApi(key);
    await measure("with budgets and a rate limit");

    const list = (await (await fetch(`${APP}/api/conversations`, { headers: { cookie } })).json()) as {
      conversations: { id: string }[];
    };
    for (const [label, path] of [
      ["new chat", "/"],
      ["conversation with answers", `/chat/${list.conversations[0]?.id}`],
    ]) {
      const js = await chatPageJavaScript(cookie, path);
      console.log(
        `Chat page JavaScript (${label}): ${js.files} files, ${kb(js.raw)} KB raw, ${kb(js.gzip)} KB gzipped (target ≤ 300 KB)`,
      );
    }

    const rss = serverRssMb(app);
    if (rss !== null) console.log(`App server memory after the run: ${rss.toFixed(0)} MB RSS`);

    await longConversation();
  } finally {
    app.kill("SIGTERM");
    await sim.close();
  }
}

await main();
