import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../scripts/testing/test-db";

// The sign-in throttle against a real database: per account, per address, windows and locks.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let throttle: typeof import("./throttle");

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  throttle = await import("./throttle");
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 12, minutes));

describe("sign-in throttle", () => {
  const attempts = async (email: string, address: string | null, times: number, minute: number) => {
    const results: boolean[] = [];
    for (let i = 0; i < times; i++) results.push(await throttle.admitAttempt(email, address, at(minute)));
    return results;
  };

  it("lets five attempts through in the window, refuses the sixth and locks for the lock's length", async () => {
    expect(await attempts("a@example.test", null, 5, 0)).toEqual([true, true, true, true, true]);
    expect(await throttle.admitAttempt("a@example.test", null, at(1))).toBe(false);
    // Still locked 14 minutes later (attempts do not extend it); free once it has passed.
    expect(await throttle.admitAttempt("a@example.test", null, at(15))).toBe(false);
    expect(await throttle.admitAttempt("a@example.test", null, at(17))).toBe(true);
    // Another account is not affected.
    expect(await throttle.admitAttempt("b@example.test", null, at(1))).toBe(true);
  });

  it("counts simultaneous attempts: a burst gets no more than the limit through", async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => throttle.admitAttempt("burst@example.test", null, at(0))),
    );
    expect(burst.filter(Boolean)).toHaveLength(throttle.THROTTLE.perEmail);
  });

  it("starts counting again after the window, and forgets an account's attempts on success", async () => {
    await attempts("c@example.test", null, 4, 0);
    // 20 minutes later the window has passed: the next attempt is the first of a new window.
    expect(await attempts("c@example.test", null, 5, 20)).toEqual([true, true, true, true, true]);
    await throttle.recordSuccess("c@example.test");
    expect(await attempts("c@example.test", null, 5, 21)).toEqual([true, true, true, true, true]);
  });

  it("limits an address that tries many accounts, when a trusted proxy reports it", async () => {
    for (let i = 0; i < throttle.THROTTLE.perAddress; i++) {
      expect(await throttle.admitAttempt(`spray${i}@example.test`, "10.9.9.9", at(1))).toBe(true);
    }
    expect(await throttle.admitAttempt("fresh@example.test", "10.9.9.9", at(2))).toBe(false);
    expect(await throttle.admitAttempt("fresh2@example.test", "10.9.9.8", at(2))).toBe(true);
  });

  it("trusts only the proxy hops the operator declares in X-Forwarded-For", () => {
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" });
    // By default the client-written header is not trusted at all.
    expect(throttle.clientAddress(headers, 0)).toBeNull();
    // Behind one proxy, the address it appended; a forged first entry does not count.
    expect(throttle.clientAddress(headers, 1)).toBe("203.0.113.7");
    expect(throttle.clientAddress(headers, 2)).toBe("1.2.3.4");
    expect(throttle.clientAddress(new Headers(), 1)).toBeNull();
  });
});
