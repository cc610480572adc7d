import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

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

  it("forgets attempts whose window and lock have passed, so the table keeps only recent ones", async () => {
    const { sql } = await import("../db/client");
    const keys = async () => (await sql().execute('SELECT "key" FROM "SignInThrottle"')).rows.map((r) => String(r.key));
    await attempts("old@example.test", null, 6, 0);
    expect(await keys()).toContain("email:old@example.test");
    // Locked until minute 15: still kept at minute 10 (another account's attempt).
    await throttle.admitAttempt("other@example.test", null, at(10));
    expect(await keys()).toContain("email:old@example.test");
    await throttle.admitAttempt("other@example.test", null, at(40));
    expect(await keys()).not.toContain("email:old@example.test");
    expect(await keys()).toContain("email:other@example.test");
  });

  it("limits an address that tries many accounts, when a trusted proxy reports it", async () => {
    for (let i = 0; i < throttle.THROTTLE.perAddress; i++) {
      expect(await throttle.admitAttempt(`spray${i}@example.test`, "10.9.9.9", at(1))).toBe(true);
    }
    expect(await throttle.admitAttempt("fresh@example.test", "10.9.9.9", at(2))).toBe(false);
    expect(await throttle.admitAttempt("fresh2@example.test", "10.9.9.8", at(2))).toBe(true);
  });

  it("with addresses known, someone failing on purpose locks only their own address out of the account", async () => {
    const owner = "owner@example.test";
    expect(await attempts(owner, "10.1.1.1", 5, 0)).toEqual([true, true, true, true, true]);
    expect(await throttle.admitAttempt(owner, "10.1.1.1", at(1))).toBe(false);
    // The owner, from another address, still gets in.
    expect(await throttle.admitAttempt(owner, "10.2.2.2", at(1))).toBe(true);
    // Guessing from many addresses is capped for the account as a whole: 7 attempts are counted
    // so far (the refused one too), so only the rest of the account's allowance gets through.
    let admitted = 0;
    for (let i = 0; i < throttle.THROTTLE.perEmailAnywhere; i++) {
      if (await throttle.admitAttempt(owner, `10.3.${i}.1`, at(2))) admitted++;
    }
    expect(admitted).toBe(throttle.THROTTLE.perEmailAnywhere - 7);
    expect(await throttle.admitAttempt(owner, "10.4.4.4", at(2))).toBe(false);
  });

  it("limits sign-ups per email, per trusted address, and for the whole team, apart from sign-ins", async () => {
    const { SIGN_UP_THROTTLE: limits } = throttle;
    // Per email: the limit, then refused (and sign-in for that address is not affected).
    for (let i = 0; i < limits.perEmail; i++) {
      expect(await throttle.admitSignUp("new@example.test", null, at(0))).toBe(true);
    }
    expect(await throttle.admitSignUp("new@example.test", null, at(1))).toBe(false);
    expect(await throttle.admitAttempt("new@example.test", null, at(1))).toBe(true);
    // Per address, when a trusted proxy reports it: many emails from one address.
    for (let i = 0; i < limits.perAddress; i++) {
      expect(await throttle.admitSignUp(`from-one-${i}@example.test`, "10.7.7.7", at(0))).toBe(true);
    }
    expect(await throttle.admitSignUp("from-one-more@example.test", "10.7.7.7", at(1))).toBe(false);
    expect(await throttle.admitSignUp("elsewhere@example.test", "10.7.7.8", at(1))).toBe(true);
  });

  it("caps the team's sign-ups when addresses are unknown, and counts only what its own limits let through", async () => {
    const { SIGN_UP_THROTTLE: limits } = throttle;
    const { sql } = await import("../db/client");
    await sql().execute('DELETE FROM "SignInThrottle"');
    // Hammering one address does not use up the team's allowance: only its own 5 count.
    for (let i = 0; i < 3 * limits.perEmail; i++) await throttle.admitSignUp("same@example.test", null, at(30));
    const total = async () =>
      Number(
        (await sql().execute(`SELECT "failures" FROM "SignInThrottle" WHERE "key" = 'sign-up'`)).rows[0]?.failures,
      );
    expect(await total()).toBe(limits.perEmail);
    // New addresses, one each (as someone making accounts would): the team's cap stops them.
    let admitted = 0;
    for (let i = 0; admitted + limits.perEmail < limits.total; i++) {
      if (await throttle.admitSignUp(`many-${i}@example.test`, null, at(31))) admitted++;
    }
    expect(await throttle.admitSignUp("one-too-many@example.test", null, at(32))).toBe(false);
    // The window and lock over, sign-up works again.
    expect(await throttle.admitSignUp("later@example.test", null, at(60))).toBe(true);
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
