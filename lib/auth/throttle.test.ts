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
  it("locks an account after five failures within the window, for the lock's length", async () => {
    for (let i = 0; i < 4; i++) await throttle.recordFailure("a@example.test", "10.0.0.1", at(i));
    expect(await throttle.lockedUntil("a@example.test", null, at(4))).toBeNull();
    await throttle.recordFailure("a@example.test", "10.0.0.1", at(4));
    expect(await throttle.lockedUntil("a@example.test", null, at(5))).toEqual(at(4 + 15));
    // Another account from another address is not affected; the lock ends on time.
    expect(await throttle.lockedUntil("b@example.test", "10.0.0.2", at(5))).toBeNull();
    expect(await throttle.lockedUntil("a@example.test", null, at(20))).toBeNull();
  });

  it("starts counting again after the window, and forgets an account's failures on success", async () => {
    for (let i = 0; i < 4; i++) await throttle.recordFailure("c@example.test", null, at(i));
    // 20 minutes later the window has passed: one more failure is the first of a new window.
    await throttle.recordFailure("c@example.test", null, at(24));
    expect(await throttle.lockedUntil("c@example.test", null, at(25))).toBeNull();
    for (let i = 0; i < 3; i++) await throttle.recordFailure("c@example.test", null, at(25 + i));
    await throttle.recordSuccess("c@example.test");
    await throttle.recordFailure("c@example.test", null, at(29));
    expect(await throttle.lockedUntil("c@example.test", null, at(30))).toBeNull();
  });

  it("locks an address that fails across many accounts", async () => {
    for (let i = 0; i < throttle.THROTTLE.perAddress; i++) {
      await throttle.recordFailure(`spray${i}@example.test`, "10.9.9.9", at(1));
    }
    expect(await throttle.lockedUntil("fresh@example.test", "10.9.9.9", at(2))).toEqual(at(16));
    expect(await throttle.lockedUntil("fresh@example.test", "10.9.9.8", at(2))).toBeNull();
  });

  it("reads the client address from the proxy's headers", () => {
    expect(throttle.clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(throttle.clientAddress(new Headers({ "x-real-ip": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(throttle.clientAddress(new Headers())).toBeNull();
  });
});
