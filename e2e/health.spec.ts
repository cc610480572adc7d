import { expect, anonymousTest as test } from "./fixtures";

test("GET /api/health answers without a session: app and database status, nothing secret", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });
  expect(body.database.migrations).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/file:|sqlite|\.db|secret|key/i);
});
