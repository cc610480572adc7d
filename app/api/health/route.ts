import { checkHealth } from "@/lib/health";

// For load balancers, Docker's HEALTHCHECK and uptime monitors: no session needed, never cached.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
