// npm run test:abuse: the abuse suite (issue #13). Starts the production build (`next build` must
// have run: this never builds) on a fresh database and its own port, with the GLM simulator as the
// model platform, signs in an admin, an attacker and a victim, and runs every case of cases.ts
// while another client polls /api/health. Exit 1 when a status is wrong, a check fails, or health
// waited more than HEALTH_LIMIT_MS during a case.
// ABUSE_ONLY=1a,2c runs those cases only (with the fresh-instance ones); ABUSE_VERBOSE=1 shows the app's log.
import { randomUUID } from "node:crypto";
import { startHostileUpstream } from "../../test/hostile-upstream";
import { startTestMcpServer } from "../../test/mcp-server";
import { signIn } from "./browser";
import { type AbuseCase, type Ctx, type Member, matches, type Outcome } from "./case";
import { CASES, HEALTH_LIMIT_MS } from "./cases";
import { addHostilePlatform, HUGE_RESULT_BYTES, registerMcpServer } from "./cases/admin";
import { HealthPoller } from "./health";
import { APP, createAccount, hasBuild, type Instance, startInstance } from "./instance";
import { type CaseResult, header, line, summary } from "./report";

/** A case that takes longer than this is stopped and fails. */
const CASE_TIMEOUT_MS = 120_000;

if (!hasBuild()) {
  console.error("test:abuse: no production build in .next/; run `npm run build` first.");
  process.exit(1);
}

async function member(app: Instance, label: string, role: "admin" | "member" = "member"): Promise<Member> {
  const email = `${label}-${randomUUID().slice(0, 6)}@abuse.test`;
  const password = `${label} password 1`;
  const id = await createAccount(app.db, { email, password, role });
  const browser = await signIn(email, password);
  return Object.assign(browser, { id, email, password });
}

async function runCase(c: AbuseCase, ctx: Ctx, poller: HealthPoller): Promise<CaseResult> {
  const started = Date.now();
  let outcome: Outcome;
  try {
    await c.setup?.(ctx);
  } catch (error) {
    outcome = { status: `setup failed: ${(error as Error).message}` };
  }
  poller.reset();
  let timer: NodeJS.Timeout | undefined;
  try {
    outcome ??= await Promise.race([
      c.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no end after ${CASE_TIMEOUT_MS / 1000} s`)), CASE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    outcome = { status: `error: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
  const health = await poller.end();
  const checks = outcome.checks ?? [];
  const statusOk = matches(c.expect, outcome.status);
  const healthOk = health.worstMs <= HEALTH_LIMIT_MS && health.failures === 0;
  return {
    case: c,
    status: outcome.status,
    statusOk,
    health,
    healthOk,
    checks,
    note: outcome.note,
    passed: statusOk && healthOk && checks.every((k) => k.ok),
    seconds: (Date.now() - started) / 1000,
  };
}

async function main(): Promise<number> {
  const only = process.env.ABUSE_ONLY?.split(",").map((s) => s.trim());
  const selected = CASES.filter((c) => c.phase === "fresh" || !only || only.includes(c.id));
  const mcp = await startTestMcpServer({ hugeResultBytes: HUGE_RESULT_BYTES });
  const upstream = await startHostileUpstream();
  const app = await startInstance().catch(async (error) => {
    await mcp.close();
    await upstream.close();
    throw error;
  });
  const poller = new HealthPoller(`${APP}/api/health`);
  const results: CaseResult[] = [];
  try {
    await registerMcpServer(app, mcp.url);
    const ctx = { app, mcp, memo: new Map() } as unknown as Ctx;
    console.log(`Abuse suite against ${APP} (health polled every 50 ms; limit ${HEALTH_LIMIT_MS} ms)\n`);
    console.log(header());
    const report = async (c: AbuseCase) => {
      const result = await runCase(c, ctx, poller);
      results.push(result);
      console.log(line(result));
    };
    for (const c of selected.filter((c) => c.phase === "fresh")) await report(c);
    ctx.admin = await member(app, "admin", "admin");
    ctx.attacker = await member(app, "attacker");
    ctx.victim = await member(app, "victim");
    ctx.member = (label) => member(app, label);
    ctx.hostile = { upstream, connection: await addHostilePlatform(ctx, upstream) };
    for (const c of selected.filter((c) => c.phase !== "fresh")) await report(c);
  } finally {
    await poller.stop();
    await app.stop();
    await mcp.close();
    await upstream.close();
  }
  console.log(summary(results, HEALTH_LIMIT_MS));
  return results.every((r) => r.passed) ? 0 : 1;
}

// Ctrl-C or a kill: exit, so that the app is stopped too (instance.ts).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

process.exit(await main());
