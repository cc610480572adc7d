import { describe, expect, it } from "vitest";
import { checkEnvironment } from "./env";

const good = {
  AUTH_SECRET: "a".repeat(40),
  ENCRYPTION_KEY: "b".repeat(40),
  GLM_BASE_URL: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
};

describe("checkEnvironment", () => {
  it("accepts a complete environment", () => {
    expect(checkEnvironment(good)).toEqual({ errors: [], warnings: [] });
  });

  it("names what is missing and how to fix it", () => {
    const report = checkEnvironment({});
    expect(report.errors).toEqual([
      expect.stringMatching(/^AUTH_SECRET is not set: nobody can sign in\..*openssl rand/),
    ]);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY is not set/),
      expect.stringMatching(/^No model platform is configured/),
    ]);
  });

  it("wants a libSQL database on Vercel, and a token for a remote one", () => {
    expect(checkEnvironment({ ...good, VERCEL: "1" }).errors).toEqual([expect.stringMatching(/^On Vercel/)]);
    expect(checkEnvironment({ ...good, VERCEL: "1", DATABASE_URL: "libsql://team.turso.io" }).warnings).toEqual([
      expect.stringMatching(/DATABASE_AUTH_TOKEN is not set/),
      expect.stringMatching(/^REDIS_URL is not set/),
    ]);
    expect(checkEnvironment({ ...good, DATABASE_URL: "libsql://127.0.0.1:8080" }).warnings).toEqual([]);
    expect(checkEnvironment({ ...good, DATABASE_URL: "postgres://x" }).errors).toEqual([
      expect.stringMatching(/^DATABASE_URL must be/),
    ]);
  });

  it("wants a Redis address REDIS_URL can be, and one on Vercel", () => {
    const vercel = { ...good, VERCEL: "1", DATABASE_URL: "libsql://team.turso.io", DATABASE_AUTH_TOKEN: "t" };
    expect(checkEnvironment({ ...vercel, REDIS_URL: "rediss://default:pw@eu1.upstash.io:6379" })).toEqual({
      errors: [],
      warnings: [],
    });
    const shared = { ...good, DATABASE_URL: "libsql://team.turso.io", DATABASE_AUTH_TOKEN: "t" };
    expect(checkEnvironment(shared).warnings).toEqual([expect.stringMatching(/REDIS_URL is not set/)]);
    expect(checkEnvironment({ ...shared, REDIS_URL: "redis://redis:6379" }).warnings).toEqual([]);
    expect(checkEnvironment({ ...good, REDIS_URL: "localhost:6379" }).errors).toEqual([
      expect.stringMatching(/^REDIS_URL must start with redis:\/\//),
    ]);
  });

  it("refuses keys too short to be safe", () => {
    expect(checkEnvironment({ ...good, ENCRYPTION_KEY: "short" }).errors).toHaveLength(1);
    expect(checkEnvironment({ ...good, AUTH_SECRET: "short-but-set" }).warnings).toEqual([
      expect.stringMatching(/AUTH_SECRET is shorter than 32/),
    ]);
  });
});
