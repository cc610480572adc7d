import { describe, expect, it } from "vitest";
import { maskSecret, open, seal } from "./secret-box";

const KEY = "test-encryption-key-0123456789";

describe("secret box", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const a = seal("sk-abc.def", KEY);
    const b = seal("sk-abc.def", KEY);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+$/);
    expect(a).not.toContain("sk-abc");
    expect(open(a, KEY)).toBe("sk-abc.def");
  });

  it("refuses a wrong key and a tampered value", () => {
    const sealed = seal("secret", KEY);
    expect(() => open(sealed, "another-key-0123456789")).toThrow();
    // Change a character in the middle (the last one may only carry padding bits).
    const at = Math.floor(sealed.length / 2);
    const tampered = `${sealed.slice(0, at)}${sealed[at] === "A" ? "B" : "A"}${sealed.slice(at + 1)}`;
    expect(() => open(tampered, KEY)).toThrow();
  });

  it("says what is missing when there is no key", () => {
    expect(() => seal("x", "")).toThrow("ENCRYPTION_KEY is not set");
  });

  it("shows at most the last four characters", () => {
    expect(maskSecret("sk-1234567890abcd")).toBe("••••abcd");
    expect(maskSecret("short")).toBe("••••");
  });
});
