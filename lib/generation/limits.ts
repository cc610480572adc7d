// How long one generation may run. A self-hosted server has no limit of its own: 30 minutes
// bounds a model that never stops. On Vercel a function lives at most its maxDuration
// (app/api/chat/route.ts): the answer ends, as failed with the reason, shortly before it.
// GENERATION_TIME_LIMIT_SECONDS overrides both.

/** The chat route's maxDuration on Vercel (seconds): keep equal to app/api/chat/route.ts. */
export const VERCEL_MAX_DURATION_S = 300;

export function generationTimeLimitMs(env: Record<string, string | undefined> = process.env): number {
  const set = Number(env.GENERATION_TIME_LIMIT_SECONDS);
  if (Number.isFinite(set) && set > 0) return set * 1000;
  return env.VERCEL ? (VERCEL_MAX_DURATION_S - 10) * 1000 : 30 * 60_000;
}
