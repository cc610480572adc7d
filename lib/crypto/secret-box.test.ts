import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { boundTo, isLegacySealed, maskSecret, open, seal } from "./secret-box";

const KEY = "test-encryption-key-0123456789";
const ROW = boundTo("platformKey", "conn-1");

/** A value as the previous version sealed it: SHA-256 of the key, no binding. */
function sealV1(plaintext: string, secret = KEY): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(secret).digest(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

const bytes = (sealed: string) => Buffer.from(sealed.slice(3), "base64url");
const repack = (version: string, data: Buffer) => `${version}.${data.toString("base64url")}`;

describe("secret box", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const a = seal("sk-abc.def", ROW, KEY);
    const b = seal("sk-abc.def", ROW, KEY);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v2\.[\w-]+$/);
    expect(a).not.toContain("sk-abc");
    expect(open(a, ROW, KEY)).toBe("sk-abc.def");
    expect(isLegacySealed(a)).toBe(false);
  });

  it("binds a value to its row and field: copied elsewhere, it does not open", () => {
    const sealed = seal("sk-secret", ROW, KEY);
    expect(boundTo("platformKey", "conn-1")).toBe("PlatformConnection:conn-1:apiKey");
    expect(() => open(sealed, boundTo("platformKey", "conn-2"), KEY)).toThrow();
    expect(() => open(sealed, boundTo("mcpToken", "conn-1"), KEY)).toThrow();
    expect(() => boundTo("mcpToken", "")).toThrow(/row's id/);
  });

  it("refuses a wrong key, a changed ciphertext, a changed tag and a cut-short tag", () => {
    const sealed = seal("secret", ROW, KEY);
    expect(() => open(sealed, ROW, "another-key-0123456789")).toThrow();
    const flip = (at: number) => {
      const data = bytes(sealed);
      data[at] ^= 1;
      return repack("v2", data);
    };
    expect(() => open(flip(12 + 16), ROW, KEY)).toThrow(); // first ciphertext byte
    expect(() => open(flip(12), ROW, KEY)).toThrow(); // first tag byte
    expect(() => open(flip(0), ROW, KEY)).toThrow(); // IV

    // An empty secret with its tag cut to 8 bytes: GCM checks only the bytes it is given unless
    // the tag length is enforced, and would open this.
    const empty = bytes(seal("", ROW, KEY));
    expect(empty).toHaveLength(12 + 16);
    expect(() => open(repack("v2", empty.subarray(0, 12 + 8)), ROW, KEY)).toThrow();
    expect(() => open(repack("v1", bytes(sealV1("")).subarray(0, 12 + 8)), ROW, KEY)).toThrow();
    expect(() => open("v3.AAAA", ROW, KEY)).toThrow("Not a sealed secret");
    expect(() => open("sk-plain", ROW, KEY)).toThrow("Not a sealed secret");
  });

  it("still opens a value sealed by the previous version (for any row), and says it is one", () => {
    const old = sealV1("sk-from-v1");
    expect(isLegacySealed(old)).toBe(true);
    expect(open(old, ROW, KEY)).toBe("sk-from-v1");
    expect(open(old, boundTo("mcpToken", "elsewhere"), KEY)).toBe("sk-from-v1");
    expect(() => open(old, ROW, "another-key-0123456789")).toThrow();
  });

  it("does not key v2 with the bare hash v1 used", () => {
    // A v2 value relabelled v1 is opened with the old key derivation, and must not open.
    expect(() => open(`v1.${seal("x", ROW, KEY).slice(3)}`, ROW, KEY)).toThrow();
  });

  it("says what is missing when there is no key", () => {
    expect(() => seal("x", ROW, "")).toThrow("ENCRYPTION_KEY is not set");
  });

  it("shows at most the last four characters", () => {
    expect(maskSecret("sk-1234567890abcd")).toBe("••••abcd");
    expect(maskSecret("short")).toBe("••••");
  });
});
