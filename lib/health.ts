import "server-only";
import { appliedMigrations } from "./db/ping";

// What GET /api/health reports: that the app answers and whether its database does, with
// nothing a stranger could use (no URLs, versions of dependencies, paths or errors' texts).

export interface Health {
  status: "ok" | "degraded";
  app: { uptimeSeconds: number };
  database: { status: "ok" | "unreachable"; latencyMs: number | null; migrations: number | null };
}

const TIMEOUT_MS = 2000;

/** `client`: another database than the app's (tests). */
export async function checkHealth(client?: Parameters<typeof appliedMigrations>[0]): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const migrations = await Promise.race([
      appliedMigrations(client),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS);
      }),
    ]);
    database = {
      status: "ok",
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      migrations,
    };
  } catch (error) {
    // Logged for the operator; the response says only that the database did not answer.
    console.error("health: the database did not answer", error);
    database = { status: "unreachable", latencyMs: null, migrations: null };
  } finally {
    clearTimeout(timer);
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: { uptimeSeconds: Math.round(process.uptime()) },
    database,
  };
}
