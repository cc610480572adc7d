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

  it("still verify hashes made before pre-hashing, and mark them for replacement", async () => {
    const legacy = await bcrypt.hash("correct horse battery", 4);
    expect(await verifyPassword("correct horse battery", legacy)).toBe(true);
    expect(await verifyPassword("wrong horse battery", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    const fresh = await hashPassword("correct horse battery");
    expect(fresh.startsWith("v2:$2")).toBe(true);
    expect(needsRehash(fresh)).toBe(false);
  });

  it("keeps a dummy hash that verifies nothing, at the cost of a real one", async () => {
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("correct horse battery", DUMMY_HASH)).toBe(false);
    expect(DUMMY_HASH).toMatch(/^v2:\$2b\$12\$/);
  });
});
