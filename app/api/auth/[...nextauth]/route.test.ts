import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DRAIN_BYTES } from "@/lib/api/body";
import { createTestDatabase } from "@/test/test-db";

// next-auth's endpoints behind our wrapper (lib/api/auth-endpoints): its own flows still work
// (the form body reaches it, CSRF token and all), while cross-site posts and bodies over 16 KiB
// are refused before next-auth reads anything.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let route: typeof import("./route");

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", "auth-route-test-secret-0123456789abcdef0123");
  route = await import("./route");
});

afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const BASE = "http://localhost:3000/api/auth";

/** A CSRF token and the cookie that goes with it, as the sign-in page would hold them. */
async function csrf() {
  const res = await route.GET(new NextRequest(`${BASE}/csrf`, { headers: { host: "localhost:3000" } }));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { csrfToken, cookie };
}

function signOut(body: BodyInit, headers: Record<string, string>) {
  return route.POST(
    new NextRequest(`${BASE}/signout`, {
      method: "POST",
      headers: { host: "localhost:3000", "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]),
  );
}

describe("/api/auth/*", () => {
  it("passes a same-origin form post on to next-auth, body and all", async () => {
    const { csrfToken, cookie } = await csrf();
    const form = new URLSearchParams({ csrfToken, callbackUrl: "/signed-out" });
    const res = await signOut(form.toString(), { cookie, "sec-fetch-site": "same-origin" });
    // With its CSRF token read from the body, next-auth signs out and goes where it was told.
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://localhost:3000/signed-out");
    // Without it (the check is real), it refuses (and logs why).
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const bare = await signOut(new URLSearchParams({ callbackUrl: "/signed-out" }).toString(), { cookie });
    quiet.mockRestore();
    expect(bare.headers.get("location")).not.toBe("http://localhost:3000/signed-out");
  });

  it("refuses a cross-site post with 403 before next-auth sees it", async () => {
    const { csrfToken, cookie } = await csrf();
    const form = new URLSearchParams({ csrfToken, callbackUrl: "/signed-out" }).toString();
    const probes: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }];
    for (const headers of probes) {
      const res = await signOut(form, { cookie, ...headers });
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it("refuses a body over 16 KiB, declared or counted, dropping no more than a few MiB past it", async () => {
    const declared = await signOut("x=1", { "content-length": String(16 * 1024 + 1) });
    expect(declared.status).toBe(413);

    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 4096;
          controller.enqueue(new TextEncoder().encode("a".repeat(4096)));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const counted = await signOut(stream, {});
    expect(counted.status).toBe(413);
    expect(((await counted.json()) as { error: { message: string } }).error.message).toContain("16 KiB");
    // Five 4 KiB chunks pass 16 KiB; what follows is dropped up to DRAIN_BYTES, and no further.
    expect(pulled).toBeGreaterThan(5 * 4096);
    expect(pulled).toBeLessThanOrEqual(DRAIN_BYTES + 6 * 4096);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });
});
