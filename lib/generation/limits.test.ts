import { describe, expect, it } from "vitest";
import { generationTimeLimitMs, VERCEL_MAX_DURATION_S } from "./limits";

describe("how long an answer may be written", () => {
  it("is 30 minutes on a server of one's own, shortly less than the function's life on Vercel", () => {
    expect(generationTimeLimitMs({})).toBe(30 * 60_000);
    expect(generationTimeLimitMs({ VERCEL: "1" })).toBe((VERCEL_MAX_DURATION_S - 10) * 1000);
  });

  it("is what GENERATION_TIME_LIMIT_SECONDS says, when it says a number of seconds", () => {
    expect(generationTimeLimitMs({ GENERATION_TIME_LIMIT_SECONDS: "90", VERCEL: "1" })).toBe(90_000);
    expect(generationTimeLimitMs({ GENERATION_TIME_LIMIT_SECONDS: "soon" })).toBe(30 * 60_000);
  });

  it("matches the maxDuration the chat route declares (Next.js needs it as a literal there)", async () => {
    const { readFile } = await import("node:fs/promises");
    const route = await readFile(new URL("../../app/api/chat/route.ts", import.meta.url), "utf8");
    expect(route).toContain(`export const maxDuration = ${VERCEL_MAX_DURATION_S};`);
  });
});
