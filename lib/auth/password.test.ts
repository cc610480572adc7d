import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";

describe("password hashes", () => {
  it("count every character of a long password, not only bcrypt's first 72 bytes", async () => {
    // 80 ASCII characters, and 30 Chinese characters (90 bytes in UTF-8): same start, other end.
    const long = `${"a".repeat(79)}1`;
    const chinese = `${"密".repeat(29)}码`;
    const [longHash, chineseHash] = await Promise.all([hashPassword(long), hashPassword(chinese)]);
    expect(await verifyPassword(long, longHash)).toBe(true);
    expect(await verifyPassword(`${"a".repeat(79)}2`, longHash)).toBe(false);
    expect(await verifyPassword(chinese, chineseHash)).toBe(true);
    expect(await verifyPassword(`${"密".repeat(29)}马`, chineseHash)).toBe(false);
    // What the old hashes did: the end of the password did not count.
    const legacy = await bcrypt.hash(long, 4);
    expect(await verifyPassword(`${"a".repeat(79)}2`, legacy)).toBe(true);
  });

  it("still verify bcrypt hashes made by earlier versions, and mark them for replacement", async () => {
    const legacy = await bcrypt.hash("correct horse battery", 4);
    expect(await verifyPassword("correct horse battery", legacy)).toBe(true);
    expect(await verifyPassword("wrong horse battery", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    const fresh = await hashPassword("correct horse battery");
    expect(fresh).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(needsRehash(fresh)).toBe(false);
    // Same password, new salt: another hash.
    expect(await hashPassword("correct horse battery")).not.toBe(fresh);
  });

  // Retried: other test files share the two cores, and a busy machine can pause the whole process;
  // a hash that held the loop would fail every try.
  it("hash off the event loop: timers keep firing while several hashes run", { retry: 2 }, async () => {
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    await Promise.all(Array.from({ length: 4 }, () => hashPassword("correct horse battery")));
    clearInterval(timer);
    // bcryptjs held the loop in ~100 ms slices (4 at once: gaps of ~400 ms here); scrypt leaves it free.
    expect(ticks).toBeGreaterThan(3);
    expect(longestGap).toBeLessThan(150);
  });

  it("keeps a dummy hash that verifies nothing, at the cost of a real one", async () => {
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("correct horse battery", DUMMY_HASH)).toBe(false);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
  });
});
